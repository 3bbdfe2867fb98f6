extension Sequence<UInt8> {
    /// Lower-case hexadecimal, two digits per byte. Tokens are hashed and shown as hex on every
    /// request, and `String(format:)` per byte cost more than the hash itself.
    public var lowercaseHex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
