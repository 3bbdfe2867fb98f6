import Foundation
@testable import KefuCore
import Testing

@Suite struct StringWhitespaceTests {
    @Test func trimsLikeFoundation() {
        let samples = [
            "", " ", "a", "  a b  ", "\t\r\n王小明\u{3000}", "\u{A0}x\u{2009}", "\u{FEFF}x", "e\u{301} ", "\n \n",
        ]
        for text in samples {
            let foundation = text.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(text.trimmingWhitespace() == foundation, "\(text.debugDescription)")
            #expect(text[...].trimmingWhitespace() == foundation)
        }
    }

    @Test func matchesTheUnicodeWhiteSpaceProperty() {
        for value in UInt32(0)...0x3100 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(scalar.isWhitespace == scalar.properties.isWhitespace, "U+\(String(value, radix: 16))")
        }
    }

    @Test func blankMeansOnlyWhiteSpace() {
        #expect("".isBlank && " \t\u{3000}\r\n".isBlank)
        #expect(!" x ".isBlank)
    }
}
