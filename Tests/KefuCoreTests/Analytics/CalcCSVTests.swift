import Foundation
import Testing

@testable import KefuCore

@Suite struct CalcCSVTests {
    @Test func readsQuotedFieldsCRLFAndABOM() throws {
        let csv = try CalcCSV(
            parsing: "\u{FEFF}customer_id,date,amount\r\n\"a,1\",2023-01-02,\"1\"\"0\"\r\n\r\nb,2023-01-03,2\r\n")
        #expect(csv.header == ["customer_id", "date", "amount"])
        #expect(csv.rows.map(\.fields) == [["a,1", "2023-01-02", "1\"0"], ["b", "2023-01-03", "2"]])
        #expect(csv.rows.map(\.line) == [2, 4])
    }

    @Test func shortRowIsAnErrorNamingItsLine() {
        #expect(throws: CalcInputError(line: 3, "expected 3 fields, found 2")) {
            try CalcCSV(parsing: "customer_id,date,amount\na,2023-01-02,1\nb,2023-01-03\n")
        }
    }

    @Test func badValuesNameTheRowAndColumn() throws {
        let amount = try CalcCSV(parsing: "customer_id,date,amount\na,2023-01-02,1.2.3\n")
        #expect(throws: CalcInputError(line: 2, "amount \"1.2.3\" is not a decimal number")) {
            try amount.transactions()
        }
        let date = try CalcCSV(parsing: "customer_id,date,amount\na,02/01/2023,1\n")
        #expect(throws: CalcInputError.self) { try date.transactions() }
        let missing = try CalcCSV(parsing: "customer_id,amount\na,1\n")
        #expect(throws: CalcInputError.self) { try missing.transactions() }
    }

    @Test func unclosedQuoteIsAnError() {
        #expect(throws: CalcInputError.self) { try CalcCSV(parsing: "a,b\n\"x,1\n") }
    }

    @Test func readsSummariesWithOptionalMonetaryValue() throws {
        let with = try CalcCSV(parsing: "customer_id,frequency,recency,T,monetary_value\n1,2,30.43,38.86,22.35\n")
            .summaries()
        #expect(
            with == [CustomerSummary(customerID: "1", frequency: 2, recency: 30.43, age: 38.86, monetaryValue: 22.35)])
        let without = try CalcCSV(parsing: "customer_id,frequency,recency,T\n1,0,0,38.86\n").summaries()
        #expect(without.first?.monetaryValue == nil)
    }

    @Test func rejectsInconsistentSummaries() throws {
        for row in ["1,2.5,3,10", "1,-1,0,10", "1,2,11,10", "1,2,abc,10", "1,2,0,10"] {
            let csv = try CalcCSV(parsing: "customer_id,frequency,recency,T\n\(row)\n")
            #expect(throws: CalcInputError.self) { try csv.summaries() }
        }
        let freeRepeat = try CalcCSV(parsing: "customer_id,frequency,recency,T,monetary_value\n1,2,3,10,0\n")
        #expect(throws: CalcInputError.self) { try freeRepeat.summaries() }
    }

    @Test func readsStaffingIntervalsAsExactDecimals() throws {
        let rows = try CalcCSV(parsing: "interval_start,calls,aht_seconds\n08:00,100,180.5\n").staffingIntervals()
        #expect(rows.first?.ahtSeconds == calcDecimal("180.5"))
        let negative = try CalcCSV(parsing: "interval_start,calls,aht_seconds\n08:00,100,-1\n")
        #expect(throws: CalcInputError(line: 2, "aht_seconds must be positive (got -1)")) {
            try negative.staffingIntervals()
        }
    }

    @Test func decimalLiteralsAreStrict() {
        #expect(Decimal(plainLiteral: "0.3") == calcDecimal("0.3"))
        #expect(Decimal(plainLiteral: "-12") == -12)
        #expect(Decimal(plainLiteral: "1e3") == 1000)
        for text in ["", "12abc", "1,5", ".", "--1", "1e", "0x10"] { #expect(Decimal(plainLiteral: text) == nil) }
    }
}
