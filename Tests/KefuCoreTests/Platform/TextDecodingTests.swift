import Foundation
@testable import KefuCore
import Testing

@Suite struct TextDecodingTests {
    /// 王小明,13800138000 as Chinese Excel saves it (GBK, a subset of GB18030).
    let gbk: [UInt8] = [0xCD, 0xF5, 0xD0, 0xA1, 0xC3, 0xF7] + Array(",13800138000".utf8)

    @Test func decodesPlainUTF8() throws {
        let decoded = try TextDecoding.decode(Array("name\n王小明".utf8))
        #expect(decoded == TextDecoding.Decoded(text: "name\n王小明", encoding: .utf8))
    }

    @Test func stripsUTF8ByteOrderMark() throws {
        let decoded = try TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array("王小明".utf8))
        #expect(decoded.text == "王小明")
        #expect(decoded.encoding == .utf8WithBOM)
        #expect(try TextDecoding.utf8Bytes([0xEF, 0xBB, 0xBF, 0x41]) == ([0x41], .utf8WithBOM))
    }

    @Test func decodesGB18030() throws {
        #expect(String(data: Data(gbk), encoding: .utf8) == nil)
        let decoded = try TextDecoding.decode(Data(gbk))
        #expect(decoded == TextDecoding.Decoded(text: "王小明,13800138000", encoding: .gb18030))
        let bytes = try TextDecoding.utf8Bytes(gbk)
        #expect(bytes.bytes == Array("王小明,13800138000".utf8) && bytes.encoding == .gb18030)
    }

    @Test func decodesWhatFoundationEncodesAsGB18030() throws {
        let text = "姓名,备注\n王小明,喜欢喝茶；周末来店\n"
        let data = try #require(text.data(using: TextDecoding.gb18030))
        #expect(try TextDecoding.decode(data) == TextDecoding.Decoded(text: text, encoding: .gb18030))
    }

    @Test func decodesUTF16WithByteOrderMark() throws {
        let little: [UInt8] = [0xFF, 0xFE] + Array("王a".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + Array("王a".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try TextDecoding.decode(little) == TextDecoding.Decoded(text: "王a", encoding: .utf16LittleEndian))
        #expect(try TextDecoding.decode(big) == TextDecoding.Decoded(text: "王a", encoding: .utf16BigEndian))
        #expect(try TextDecoding.utf8Bytes(little) == (Array("王a".utf8), .utf16LittleEndian))
    }

    @Test func refusesGarbageWithResaveHint() {
        let garbage: [UInt8] = Array("name\nok\n".utf8) + [0x41, 0xFF, 0x80, 0x42]
        #expect(throws: TextDecoding.Failure.unsupportedEncoding(line: 3)) {
            try TextDecoding.decode(garbage)
        }
        let message = TextDecoding.Failure.unsupportedEncoding(line: 3).message
        #expect(message.contains("CSV UTF-8 (Comma delimited)"))
        #expect(message.contains("另存为"))
        #expect(message.contains("CSV UTF-8(逗号分隔)"))
        #expect(message.contains("line 3"))
    }

    @Test func refusesDamagedUTF8AfterByteOrderMark() {
        #expect(throws: TextDecoding.Failure.corrupt(encoding: .utf8WithBOM, line: 2)) {
            try TextDecoding.utf8Bytes([0xEF, 0xBB, 0xBF, 0x41, 0x0A, 0xC3])
        }
    }

    @Test func validatorAgreesWithTheStandardLibrary() {
        var generator = SplitMix(seed: 42)
        let samples: [[UInt8]] =
            [
                [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                [0xF0, 0x9F, 0x98, 0x80],
                [0xE4, 0xB8], Array("0123456789abcdef王".utf8),
            ]
            + (0..<2000).map { _ in
                (0..<Int(generator.next() % 24)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            }
        for bytes in samples {
            let valid = String(validating: bytes, as: UTF8.self) != nil
            #expect((TextDecoding.firstInvalidUTF8(bytes[...]) == nil) == valid, "\(bytes)")
        }
    }
}
