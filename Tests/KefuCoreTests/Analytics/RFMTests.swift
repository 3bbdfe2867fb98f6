import Foundation
import Testing

@testable import KefuCore

@Suite struct RFMTests {
    let asOf = CalendarDay(iso8601: "2023-04-02")!

    func transactions(_ rows: [(String, String, String)]) -> [Transaction] {
        rows.map { Transaction(customerID: $0.0, day: CalendarDay(iso8601: $0.1)!, amount: calcDecimal($0.2)) }
    }

    @Test func scoresByQuintileWithTiesBrokenByID() throws {
        let scores = try RFM.score(
            transactions([
                ("a", "2023-01-02", "10"), ("a", "2023-01-04", "5.5"), ("a", "2023-01-10", "20"),
                ("a", "2023-03-15", "30"),
                ("b", "2023-02-01", "12.5"), ("c", "2023-01-31", "7"), ("c", "2023-02-28", "8"),
                ("c", "2023-04-01", "9"),
                ("d", "2023-03-31", "100"),
            ]), asOf: asOf)
        // n = 4: positions 1…4 score ⌈5i/4⌉ = 2, 3, 4, 5. b and d tie on F = 1; b sorts first.
        #expect(scores.map(\.customerID) == ["a", "b", "c", "d"])
        #expect(scores.map(\.recencyDays) == [18, 60, 1, 2])
        #expect(scores.map(\.r) == [3, 2, 5, 4])
        #expect(scores.map(\.f) == [5, 2, 4, 3])
        #expect(scores.map(\.m) == [4, 2, 3, 5])
        #expect(scores.map(\.monetary) == [calcDecimal("65.5"), calcDecimal("12.5"), 24, 100])
        #expect(scores.map(\.segment) == [.loyal, .hibernating, .champions, .champions])
    }

    @Test func singleCustomerScoresFiveEverywhere() throws {
        let scores = try RFM.score(transactions([("only", "2023-01-01", "1")]), asOf: asOf)
        #expect(scores.first.map { [$0.r, $0.f, $0.m] } == [5, 5, 5])
        #expect(scores.first?.segment == .champions)
    }

    @Test func tenCustomersFillEachQuintileTwice() throws {
        let rows = (0..<10).map { ("c\($0)", "2023-03-\(10 + $0)", "\($0 + 1)") }
        let scores = try RFM.score(transactions(rows), asOf: asOf)
        for score in 1...5 { #expect(scores.filter { $0.m == score }.count == 2) }
        #expect(scores.first { $0.customerID == "c9" }?.r == 5)
    }

    @Test(arguments: [
        (5, 5, 5, RFMSegment.champions), (4, 4, 3, .champions), (3, 3, 3, .loyal), (5, 3, 1, .potentialLoyalist),
        (4, 1, 1, .new), (3, 1, 2, .needAttention), (2, 5, 5, .atRisk), (1, 3, 2, .atRisk), (2, 1, 1, .hibernating),
        (1, 1, 1, .lost), (1, 2, 2, .lost),
    ])
    func segmentsFollowTheFirstMatchingRule(r: Int, f: Int, m: Int, segment: RFMSegment) {
        #expect(RFMSegment(r: r, f: f, m: m) == segment)
    }

    @Test func segmentNamesAreSnakeCase() {
        #expect(
            RFMSegment.allCases.map(\.rawValue) == [
                "champions", "loyal", "potential_loyalist", "new", "need_attention", "at_risk", "hibernating", "lost",
            ])
    }

    @Test func rejectsTransactionsAfterAsOf() {
        #expect(throws: CalcInputError.self) { try RFM.score(transactions([("a", "2023-04-03", "1")]), asOf: asOf) }
    }
}
