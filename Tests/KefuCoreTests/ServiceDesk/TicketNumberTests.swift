import Foundation
import KefuCore
import Testing

extension ServiceDeskTests {
    @Suite struct TicketNumberTests {
        @Test(arguments: [
            (1, "T-000001"), (42, "T-000042"), (999_999, "T-999999"), (1_000_000, "T-1000000"),
            (12_345_678, "T-12345678"),
        ])
        func formatsAndParsesBack(sequence: Int, text: String) throws {
            let number = try #require(TicketNumber(sequence: sequence))
            #expect(number.description == text)
            #expect(TicketNumber(parsing: text) == number)
        }

        @Test func sequencesStartAtOne() {
            #expect(TicketNumber(sequence: 0) == nil)
            #expect(TicketNumber(sequence: -5) == nil)
        }

        @Test func typedNumbersAreForgivenCaseAndSpaces() {
            #expect(TicketNumber(parsing: " t-000007\n")?.sequence == 7)
        }

        @Test(arguments: ["", "T-", "T-1", "T-0000001", "T-000000", "X-000001", "T-00001a", "T-+00001", "000001"])
        func rejectsNonCanonicalText(_ text: String) {
            #expect(TicketNumber(parsing: text) == nil)
        }

        @Test func encodesAsItsText() throws {
            let number = try #require(TicketNumber(sequence: 1_000_000))
            let json = try JSONEncoder().encode([number])
            #expect(String(decoding: json, as: UTF8.self) == #"["T-1000000"]"#)
            #expect(try JSONDecoder().decode([TicketNumber].self, from: json) == [number])
            #expect(throws: DecodingError.self) {
                try JSONDecoder().decode([TicketNumber].self, from: Data(#"["T-1"]"#.utf8))
            }
        }

        @Test func ordersBySequence() {
            #expect(TicketNumber(sequence: 999_999)! < TicketNumber(sequence: 1_000_000)!)
        }
    }
}
