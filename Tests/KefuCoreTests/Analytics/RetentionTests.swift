import Foundation
import Testing

@testable import KefuCore

@Suite struct RetentionTests {
    func transactions(_ rows: [(String, String)]) -> [Transaction] {
        rows.map { Transaction(customerID: $0.0, day: CalendarDay(iso8601: $0.1)!, amount: 1) }
    }

    @Test func churnIsTheShareOfPreviousWindowBuyersAbsentFromTheRecentOne() throws {
        // as-of 2023-03-31, 30-day windows: recent 03-02…03-31, previous 01-31…03-01.
        let report = try Retention.report(
            transactions([
                ("a", "2023-02-10"), ("a", "2023-03-20"),  // stays
                ("b", "2023-03-01"),  // previous window's last day, churns
                ("c", "2023-01-31"), ("c", "2023-03-02"),  // both windows' first days, stays
                ("d", "2023-01-30"),  // before both windows
            ]), asOf: CalendarDay(iso8601: "2023-03-31")!, windowDays: 30)
        #expect(report.previousWindowCustomers == 3)
        #expect(report.churnedCustomers == 1)
        #expect(report.churnRate == 1.0 / 3)
    }

    @Test func noPreviousCustomersMeansNoChurnRate() throws {
        let report = try Retention.report(
            transactions([("a", "2023-03-30")]), asOf: CalendarDay(iso8601: "2023-03-31")!, windowDays: 90)
        #expect(report.churnRate == nil)
        #expect(report.previousWindowCustomers == 0)
    }

    @Test func cohortsRunToTheAsOfMonth() throws {
        let report = try Retention.report(
            transactions([
                ("a", "2023-01-05"), ("a", "2023-02-05"), ("b", "2023-01-20"), ("b", "2023-03-01"), ("c", "2023-02-14"),
            ]), asOf: CalendarDay(iso8601: "2023-03-31")!, windowDays: 30)
        #expect(
            report.cohorts == [
                RetentionCohort(cohort: "2023-01", customers: 2, retention: [1, 0.5, 0.5]),
                RetentionCohort(cohort: "2023-02", customers: 1, retention: [1, 0]),
            ])
    }

    @Test func rejectsAnEmptyWindowAndLateTransactions() {
        let asOf = CalendarDay(iso8601: "2023-03-31")!
        #expect(throws: CalcInputError.self) { try Retention.report([], asOf: asOf, windowDays: 0) }
        #expect(throws: CalcInputError.self) {
            try Retention.report(self.transactions([("a", "2023-04-01")]), asOf: asOf, windowDays: 30)
        }
    }
}
