@testable import KefuCore
import Testing

extension MailTests {
    @Suite struct TransferEncodingTests {
        @Test func quotedPrintableSoftBreaksHexAndTransportPadding() {
            let body = Array("caf=C3=A9 =\r\nau lait=  \nend   \r\nA=3d=3Dx = y =ZZ".utf8)
            #expect(
                String(decoding: TransferEncoding.decode(body[...], encoding: "Quoted-Printable"), as: UTF8.self)
                    == "café au laitend\r\nA==x = y =ZZ")
        }

        @Test func base64IgnoresWhiteSpaceLineBreaksAndMissingPadding() {
            let body = Array(" 5a6i\r\n 5pyN \t\n5Lit5b+D".utf8)
            #expect(String(decoding: TransferEncoding.decode(body[...], encoding: "BASE64"), as: UTF8.self) == "客服中心")
            #expect(TransferEncoding.decodeBase64(Array("QUJD\nRA".utf8)) == Array("ABCD".utf8))
            #expect(TransferEncoding.decodeBase64(Array("QUJDR".utf8)) == Array("ABC".utf8))
        }

        @Test func identityEncodingsPassThrough() {
            let bytes: [UInt8] = [0xCD, 0xF5, 0x0D, 0x0A, 0x00]
            for encoding in ["7bit", "8bit", "binary", nil, "x-unknown"] {
                #expect(TransferEncoding.decode(bytes[...], encoding: encoding) == bytes)
            }
        }

        @Test func base64LinesAreAtMost76Characters() {
            let bytes = (0..<200).map { UInt8($0) }
            let encoded = TransferEncoding.encodeBase64Lines(bytes)
            let lines = String(decoding: encoded, as: UTF8.self).split(separator: "\r\n")
            #expect(lines.allSatisfy { $0.count <= 76 })
            #expect(TransferEncoding.decodeBase64(encoded) == bytes)
        }
    }
}
