import Testing

@testable import KefuCore

@Suite struct CalcCSVSurveysTests {
    /// A three-column header and one row of the given cells (all empty unless set).
    func threeColumn(_ cells: [String: String], extra: [String] = []) -> String {
        let header = ["respondent_id"] + ServqualFormat.threeColumn.columns.flatMap { c in (1...22).map(c.field) }
        let row = header.map { cells[$0] ?? "" }
        return ([header.joined(separator: ",")] + [row.joined(separator: ",")]).joined(separator: "\n") + "\n"
    }

    @Test func readsTheWorkedExample() throws {
        let responses = try CalcCSV(parsing: ServqualExample.csv).servqualResponses(format: .twoColumn)
        #expect(responses == ServqualExample.responses)
    }

    @Test func readsColumnsInAnyOrderWithABOMAndCRLF() throws {
        let lines = ServqualExample.csv.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        // Reverse the columns: the weights come first and respondent_id last.
        let reversed = lines.map { $0.reversed().joined(separator: ",") }.joined(separator: "\r\n")
        let responses = try CalcCSV(parsing: "\u{FEFF}" + reversed + "\r\n").servqualResponses(format: .twoColumn)
        #expect(responses == ServqualExample.responses)
    }

    @Test func readsThreeColumnsAndRowsWithoutPoints() throws {
        let csv = try CalcCSV(
            parsing: threeColumn(["respondent_id": "x", "a1": "4", "d1": "7", "p1": " 5 ", "p2": "9"]))
        let responses = try csv.servqualResponses(format: .threeColumn)
        #expect(
            responses == [
                ServqualResponse(respondentID: "x", perception: [1: 5, 2: 9], adequate: [1: 4], desired: [1: 7])
            ])
        let header = String(ServqualExample.csv.split(separator: "\n")[0])
        let noPoints = try CalcCSV(parsing: header + "\nr9" + String(repeating: ",", count: 49) + "\n")
        #expect(try noPoints.servqualResponses(format: .twoColumn).map(\.points) == [nil])
    }

    @Test func badInputNamesItsRow() throws {
        let lines = ServqualExample.csv.split(separator: "\n").map(String.init)
        let header = lines[0], good = lines[1]
        /// r1's row with `changes` made; a nil value removes the field.
        func row(_ changes: [Int: String?], of line: String? = nil) -> String {
            var fields = (line ?? good).split(separator: ",", omittingEmptySubsequences: false).map {
                String?(String($0))
            }
            for (index, value) in changes { fields[index] = value }
            return fields.compactMap { $0 }.joined(separator: ",")
        }
        let required = ["respondent_id"] + ServqualFormat.twoColumn.columns.flatMap { c in (1...22).map(c.field) }
        // Fields: 0 respondent_id, 1…22 e, 23…44 p, 45…49 w_tangibles…w_empathy.
        let cases: [(String, CalcInputError)] = [
            (header + "\n" + row([1: "8"]), CalcInputError(line: 2, "e1 is 8, outside the 1–7 scale")),
            (header + "\n" + row([23: "0"]), CalcInputError(line: 2, "p1 is 0, outside the 1–7 scale")),
            (header + "\n" + row([2: "4.5"]), CalcInputError(line: 2, "e2 \"4.5\" is not a whole number")),
            (header + "\n" + row([2: "x"]), CalcInputError(line: 2, "e2 \"x\" is not a whole number")),
            (header + "\n" + row([0: ""]), CalcInputError(line: 2, "respondent_id is empty")),
            (
                header + "\n" + good + "\n" + good,
                CalcInputError(line: 3, "respondent_id \"r1\" already appeared on row 2")
            ),
            (
                header + "\n" + row([49: ""]),
                CalcInputError(line: 2, "points are missing for empathy (give all five or none)")
            ),
            (header + "\n" + row([49: "11"]), CalcInputError(line: 2, "points add up to 101.0, not 100")),
            (
                header + "\n" + row([45: "-10", 46: "60"]),
                CalcInputError(line: 2, "points for tangibles are -10.0; points must be zero or more")
            ),
            (header + "\n" + row([45: "ten"]), CalcInputError(line: 2, "w_tangibles \"ten\" is not a number")),
            (header + "\n" + good + ",1", CalcInputError(line: 2, "expected 50 fields, found 51")),
            (header + ",e23\n" + good + ",1", CalcInputError(line: 1, "unknown column \"e23\"")),
            (header + ",e1\n" + good + ",1", CalcInputError(line: 1, "column \"e1\" appears twice")),
            (
                row([44: nil], of: header) + "\n" + row([44: nil]),
                CalcInputError(
                    line: 1, "missing column \"p22\" (the header must include \(required.joined(separator: ",")))")
            ),
            (
                row([49: nil], of: header) + "\n" + row([49: nil]),
                CalcInputError(line: 1, "missing column \"w_empathy\" (give all five w_ columns or none)")
            ),
        ]
        for (text, error) in cases {
            #expect(throws: error) { try CalcCSV(parsing: text).servqualResponses(format: .twoColumn) }
        }
        #expect(
            throws: CalcInputError(line: 2, "a1 (6) is above d1 (5): the adequate level cannot exceed the desired one")
        ) {
            try CalcCSV(parsing: threeColumn(["respondent_id": "x", "a1": "6", "d1": "5"])).servqualResponses(
                format: .threeColumn)
        }
        #expect(throws: CalcInputError(line: 2, "d3 is 10, outside the 1–9 scale")) {
            try CalcCSV(parsing: threeColumn(["respondent_id": "x", "d3": "10"])).servqualResponses(
                format: .threeColumn)
        }
        #expect(throws: CalcInputError(line: 1, "unknown column \"e1\"")) {
            try CalcCSV(parsing: ServqualExample.csv).servqualResponses(format: .threeColumn)
        }
    }

    @Test func readsNPSScoresSkippingEmptyOnes() throws {
        let csv = try CalcCSV(parsing: "\u{FEFF}score,respondent_id\r\n10,a\r\n,b\r\n0,c\r\n 7 ,d\r\n")
        #expect(try csv.npsScores() == [10, 0, 7])
    }

    @Test func badNPSInputNamesItsRow() {
        let cases: [(String, CalcInputError)] = [
            ("respondent_id,score\na,11\n", CalcInputError(line: 2, "score is 11, outside the 0–10 scale")),
            ("respondent_id,score\na,-1\n", CalcInputError(line: 2, "score is -1, outside the 0–10 scale")),
            ("respondent_id,score\na,9.5\n", CalcInputError(line: 2, "score \"9.5\" is not a whole number")),
            (
                "respondent_id,score\na,9\na,\n",
                CalcInputError(line: 3, "respondent_id \"a\" already appeared on row 2")
            ),
            ("respondent_id,score,why\na,9,good\n", CalcInputError(line: 1, "unknown column \"why\"")),
            (
                "respondent_id\na\n",
                CalcInputError(line: 1, "missing column \"score\" (the header must include respondent_id,score)")
            ),
            ("respondent_id,score\na,9,1\n", CalcInputError(line: 2, "expected 2 fields, found 3")),
        ]
        for (text, error) in cases {
            #expect(throws: error) { try CalcCSV(parsing: text).npsScores() }
        }
    }
}
