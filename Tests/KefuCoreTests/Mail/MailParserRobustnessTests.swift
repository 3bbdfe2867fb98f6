import Foundation
@testable import KefuCore
import Testing

extension MailTests {
    /// Whatever bytes arrive, parsing returns a message or a `MailParseError`; it never traps.
    @Suite struct MailParserRobustnessTests {
        @Test(arguments: ["qq-reply", "outlook-en-reply", "attachments", "163-reply"])
        func everyTruncationParsesOrIsRefused(_ name: String) throws {
            let bytes = try MailTests.corpus(name)
            for length in stride(from: 0, through: bytes.count, by: max(1, bytes.count / 120)) {
                _ = try? MailMessage(parsing: Array(bytes[..<length]))
            }
        }

        @Test(arguments: ["qq-reply", "attachments"])
        func corruptedBytesParseOrAreRefused(_ name: String) throws {
            let original = try MailTests.corpus(name)
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            func next() -> Int {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int(state >> 33)
            }
            // Bytes that steer the parsers: delimiters, encoded-word and tag marks, high bytes.
            let interesting = Array("=?-<>;:\"\\&#\r\n\t ".utf8) + [0x80, 0xA4, 0xCD, 0xFF, 0x00]
            for _ in 0..<120 {
                var bytes = original
                for _ in 0..<8 { bytes[next() % bytes.count] = interesting[next() % interesting.count] }
                _ = try? MailMessage(parsing: bytes)
            }
        }

        @Test func edgesOfEachDecoder() {
            #expect(EncodedWords.decode("=?") == "=?")
            #expect(EncodedWords.decode("=??B??=") == "=??B??=")
            #expect(EncodedWords.decode("=?a?B?") == "=?a?B?")
            #expect(TransferEncoding.decodeQuotedPrintable(Array("=".utf8)[...]).isEmpty)
            #expect(TransferEncoding.decodeQuotedPrintable(Array("=4".utf8)[...]) == Array("=4".utf8))
            #expect(HTMLText.text("<") == "<")
            #expect(HTMLText.text("<style>") == "")
            #expect(HTMLText.text("&#xFFFFFFFF;&#;&") == "&#xFFFFFFFF;&#;&")
            #expect(MIMEHeaderValue("; =; a*=; b*0*=''; c\"=\"").value == "")
            #expect(MailAddress.list("\"unterminated <a@b.com>").isEmpty)
            #expect(MailDate.parse("Wed, 2 Dec") == nil)
        }
    }
}
