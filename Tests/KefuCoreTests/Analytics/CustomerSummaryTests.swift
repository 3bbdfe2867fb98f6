import Foundation
import Testing

@testable import KefuCore

@Suite struct CustomerSummaryTests {
    func transactions(_ rows: [(String, String, String)]) -> [Transaction] {
        rows.enumerated().map { index, row in
            Transaction(
                customerID: row.0, day: CalendarDay(iso8601: row.1)!, amount: calcDecimal(row.2), line: index + 2)
        }
    }

    @Test func dailySummaryCountsRepeatDaysAndAveragesTheirSpend() throws {
        let data = transactions([
            ("a", "2023-01-02", "10"), ("a", "2023-01-02", "5"), ("a", "2023-01-05", "20"), ("a", "2023-01-10", "40"),
        ])
        let summary = try CustomerSummary.summarize(data, asOf: CalendarDay(iso8601: "2023-01-12")!, period: .day)
        // Two repeat days (the 5th and the 10th), first-day spend excluded from the mean.
        #expect(summary == [CustomerSummary(customerID: "a", frequency: 2, recency: 8, age: 10, monetaryValue: 30)])
    }

    @Test func weeklySummaryUsesMondayToSundayWeeks() throws {
        let data = transactions([("a", "2023-01-08", "10"), ("a", "2023-01-09", "4"), ("a", "2023-01-15", "6")])
        let summary = try CustomerSummary.summarize(data, asOf: CalendarDay(iso8601: "2023-01-22")!, period: .week)
        // Sunday the 8th is week 0; Monday the 9th and Sunday the 15th share week 1 (spend 10); the 22nd ends week 2.
        #expect(summary == [CustomerSummary(customerID: "a", frequency: 1, recency: 1, age: 2, monetaryValue: 10)])
    }

    @Test func oneTimeBuyerHasZeroFrequencyAndValue() throws {
        let data = transactions([("solo", "2023-03-01", "99.99")])
        let summary = try CustomerSummary.summarize(data, asOf: CalendarDay(iso8601: "2023-03-31")!, period: .day)
        #expect(summary == [CustomerSummary(customerID: "solo", frequency: 0, recency: 0, age: 30, monetaryValue: 0)])
    }

    @Test func customersAreSortedByIDInByteOrder() throws {
        let data = transactions([("b", "2023-01-01", "1"), ("B", "2023-01-01", "1"), ("a", "2023-01-01", "1")])
        let ids = try CustomerSummary.summarize(data, asOf: CalendarDay(iso8601: "2023-01-31")!, period: .day).map(
            \.customerID)
        #expect(ids == ["B", "a", "b"])
    }

    @Test func transactionAfterAsOfIsAnErrorNamingTheRow() {
        let data = transactions([("a", "2023-01-02", "1"), ("a", "2023-02-02", "1")])
        #expect(throws: CalcInputError.self) {
            try CustomerSummary.summarize(data, asOf: CalendarDay(iso8601: "2023-02-01")!, period: .week)
        }
        do {
            _ = try CustomerSummary.summarize(data, asOf: CalendarDay(iso8601: "2023-02-01")!, period: .day)
        } catch {
            #expect(error.line == 3)
        }
    }
}
