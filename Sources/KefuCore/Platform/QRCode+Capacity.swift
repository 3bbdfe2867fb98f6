extension QRCode {
    /// How one version's codewords split into blocks of data and error correction at one level
    /// (ISO/IEC 18004 tables 1 and 9, versions 1–10). Blocks are as long as they can be equal; when
    /// the data does not divide evenly, the last blocks hold one data codeword more.
    struct Capacity {
        let version: Int
        /// Codewords in the symbol, data and error correction together.
        let total: Int
        let blocks: Int
        let correctionPerBlock: Int

        init(version: Int, correction: Correction) {
            let level = Correction.allCases.firstIndex(of: correction)!
            self.version = version
            self.total = [26, 44, 70, 100, 134, 172, 196, 242, 292, 346][version - 1]
            self.blocks = Self.blocks[level][version - 1]
            self.correctionPerBlock = Self.correctionPerBlock[level][version - 1]
        }

        var dataCodewords: Int { total - blocks * correctionPerBlock }

        /// The data codewords cut into blocks, each followed by its Reed–Solomon codewords, and the
        /// blocks interleaved codeword by codeword: data first, then error correction (§7.6).
        func interleaved(_ data: [UInt8]) -> [UInt8] {
            let shortLength = dataCodewords / blocks
            let shortBlocks = blocks - dataCodewords % blocks
            var start = 0
            let dataBlocks = (0..<blocks).map { index in
                let length = index < shortBlocks ? shortLength : shortLength + 1
                defer { start += length }
                return Array(data[start..<start + length])
            }
            let generator = ReedSolomon.generator(degree: correctionPerBlock)
            let correctionBlocks = dataBlocks.map { ReedSolomon.remainder(of: $0, generator: generator) }
            var out: [UInt8] = []
            out.reserveCapacity(total)
            for column in 0...shortLength {
                for block in dataBlocks where column < block.count { out.append(block[column]) }
            }
            for column in 0..<correctionPerBlock {
                for block in correctionBlocks { out.append(block[column]) }
            }
            return out
        }

        /// Rows L, M, Q, H; columns versions 1–10.
        private static let blocks = [
            [1, 1, 1, 1, 1, 2, 2, 2, 2, 4],
            [1, 1, 1, 2, 2, 4, 4, 4, 5, 5],
            [1, 1, 2, 2, 4, 4, 6, 6, 8, 8],
            [1, 1, 2, 4, 4, 4, 5, 6, 8, 8],
        ]

        private static let correctionPerBlock = [
            [7, 10, 15, 20, 26, 18, 20, 24, 30, 18],
            [10, 16, 26, 18, 24, 16, 18, 22, 22, 26],
            [13, 22, 18, 26, 18, 24, 18, 22, 20, 24],
            [17, 28, 22, 16, 22, 28, 26, 26, 24, 28],
        ]
    }
}
