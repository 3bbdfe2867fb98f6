extension QRCode {
    /// The text as the bits of one segment (mode, character count, data), then padded to the data
    /// codewords of a version (ISO/IEC 18004 §7.4). Alphanumeric mode packs two characters into 11
    /// bits instead of 16, which keeps a member number in version 1 even at level H.
    struct Segment {
        enum Mode {
            case alphanumeric, byte
        }

        /// The 45 characters of alphanumeric mode, in the order of their values.
        static let alphanumerics = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)

        let mode: Mode
        /// Characters in alphanumeric mode, bytes in byte mode.
        let count: Int
        let data: Bits

        init(_ text: String) {
            let bytes = Array(text.utf8)
            var data = Bits()
            let values = bytes.compactMap { Self.alphanumerics.firstIndex(of: $0) }
            if values.count == bytes.count {
                mode = .alphanumeric
                for start in stride(from: 0, to: values.count, by: 2) {
                    if start + 1 < values.count {
                        data.append(values[start] * 45 + values[start + 1], count: 11)
                    } else {
                        data.append(values[start], count: 6)
                    }
                }
            } else {
                mode = .byte
                for byte in bytes { data.append(Int(byte), count: 8) }
            }
            self.count = bytes.count
            self.data = data
        }

        /// The character count field grows from version 10 on.
        func countBits(version: Int) -> Int {
            switch mode {
            case .alphanumeric: version < 10 ? 9 : 11
            case .byte: version < 10 ? 8 : 16
            }
        }

        /// The segment's length in bits at `version`, or nil when its count overflows the count field.
        func bitCount(version: Int) -> Int? {
            let countBits = countBits(version: version)
            return count < 1 << countBits ? 4 + countBits + data.count : nil
        }

        /// Mode, count and data, then the terminator (up to four zero bits), zeros to a byte boundary and
        /// the pad codewords 0xEC 0x11 alternately up to the version's data capacity.
        func codewords(capacity: Capacity) -> [UInt8] {
            var bits = Bits()
            bits.append(mode == .alphanumeric ? 0b0010 : 0b0100, count: 4)
            bits.append(count, count: countBits(version: capacity.version))
            bits.append(data)
            let room = capacity.dataCodewords * 8
            bits.append(0, count: min(4, room - bits.count))
            bits.append(0, count: (8 - bits.count % 8) % 8)
            var codewords = bits.bytes
            var pad: UInt8 = 0xEC
            while codewords.count < capacity.dataCodewords {
                codewords.append(pad)
                pad ^= 0xEC ^ 0x11
            }
            return codewords
        }
    }

    /// A growing string of bits, most significant first, as the segment is written.
    struct Bits {
        private(set) var values: [Bool] = []

        var count: Int { values.count }

        mutating func append(_ value: Int, count: Int) {
            for shift in stride(from: count - 1, through: 0, by: -1) { values.append(value >> shift & 1 == 1) }
        }

        mutating func append(_ other: Bits) { values += other.values }

        /// Eight bits per byte; the caller has padded to a whole number of bytes.
        var bytes: [UInt8] {
            stride(from: 0, to: values.count, by: 8).map { start in
                values[start..<start + 8].reduce(0) { $0 << 1 | ($1 ? 1 : 0) }
            }
        }
    }
}
