import KefuCore
import Testing

@Suite("Bytes as hexadecimal")
struct BytesHexTests {
    @Test func twoLowerCaseDigitsPerByte() {
        #expect([UInt8]([0x00, 0x0F, 0xA5, 0xFF]).lowercaseHex == "000fa5ff")
        #expect([UInt8]().lowercaseHex == "")
        #expect(Array(0...255).map { UInt8($0) }.lowercaseHex.count == 512)
    }
}
