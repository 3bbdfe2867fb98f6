import KefuCore
import Testing

@Suite struct CSVFormulaTests {
    static let triggers = ["=", "+", "-", "@", "\t", "\r"]

    @Test(arguments: triggers)
    func aCellStartingWithATriggerGetsAnApostropheAndLosesItOnImport(trigger: String) {
        let value = trigger + "HYPERLINK(\"http://evil.example\")"
        let cell = CSV.protectFormula(value)
        #expect(cell == "'" + value)
        #expect(CSV.unprotectFormula(cell) == value)
    }

    @Test func ordinaryCellsAreWrittenAndReadUnchanged() {
        for value in ["", "王小明", "'quoted", "a=b", " =x", "''", "13800138000", "'"] {
            #expect(CSV.protectFormula(value) == value)
            #expect(CSV.unprotectFormula(value) == value)
        }
    }

    @Test func valuesThatAlreadyStartWithApostrophesBeforeATriggerRoundTrip() {
        for value in ["'=x", "''+1", "'''@home", "'-", "'\t"] {
            let cell = CSV.protectFormula(value)
            #expect(cell == "'" + value)
            #expect(CSV.unprotectFormula(cell) == value)
        }
    }

    @Test func everyShortStringRoundTrips() {
        let alphabet = ["'", "=", "+", "-", "@", "\t", "\r", "a", "1"]
        var values = [""]
        for _ in 0..<3 { values = values + values.flatMap { prefix in alphabet.map { prefix + $0 } } }
        for value in Set(values) {
            #expect(CSV.unprotectFormula(CSV.protectFormula(value)) == value, "\(value.debugDescription)")
        }
    }
}
