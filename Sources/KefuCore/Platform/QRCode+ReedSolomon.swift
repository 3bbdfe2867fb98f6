extension QRCode {
    /// Reed–Solomon error correction over GF(2⁸) with the QR field polynomial x⁸+x⁴+x³+x²+1 (0x11D)
    /// and α = 2 (ISO/IEC 18004 §7.5.2). Products are computed bit by bit rather than through log
    /// tables: a symbol has at most 346 codewords, so speed does not matter and there is no table to get wrong.
    enum ReedSolomon {
        static func multiply(_ left: UInt8, _ right: UInt8) -> UInt8 {
            var product = 0
            var left = Int(left)
            var right = right
            while right != 0 {
                if right & 1 == 1 { product ^= left }
                left <<= 1
                if left & 0x100 != 0 { left ^= 0x11D }
                right >>= 1
            }
            return UInt8(product)
        }

        /// The coefficients of (x − α⁰)(x − α¹)…(x − α^(degree−1)) from x^(degree−1) down to x⁰; the
        /// leading coefficient, always 1, is left out.
        static func generator(degree: Int) -> [UInt8] {
            var coefficients = [UInt8](repeating: 0, count: degree)
            coefficients[degree - 1] = 1
            var root: UInt8 = 1
            for _ in 0..<degree {
                for index in 0..<degree {
                    coefficients[index] = multiply(coefficients[index], root)
                    if index + 1 < degree { coefficients[index] ^= coefficients[index + 1] }
                }
                root = multiply(root, 2)
            }
            return coefficients
        }

        /// The error correction codewords: the remainder of message × x^degree divided by the generator.
        static func remainder(of message: [UInt8], generator: [UInt8]) -> [UInt8] {
            var remainder = [UInt8](repeating: 0, count: generator.count)
            for codeword in message {
                let factor = codeword ^ remainder.removeFirst()
                remainder.append(0)
                for index in generator.indices { remainder[index] ^= multiply(generator[index], factor) }
            }
            return remainder
        }
    }
}
