import Foundation
@testable import KefuCore
import Testing

@Suite("QR code")
struct QRCodeTests {
    /// "HELLO WORLD" at level Q, mask 0 as the penalty rules choose: checked module for module against an
    /// independent encoder (segno 1.6.6 forced to version 1-Q, alphanumeric mode, mask 0).
    static let helloWorldQuartile = [
        "111111101100001111111",
        "100000101001001000001",
        "101110101001101011101",
        "101110101000001011101",
        "101110101010001011101",
        "100000100010001000001",
        "111111101010101111111",
        "000000001000000000000",
        "011010110000101011111",
        "010000001111000010001",
        "001101110110001011000",
        "011011010011010101110",
        "100010101011101110101",
        "000000001101001000101",
        "111111101010000101100",
        "100000100101101101000",
        "101110101010001111111",
        "101110100101010100010",
        "101110101001011101001",
        "100000101011110001011",
        "111111100001011100001",
    ]

    static func rows(_ code: QRCode) -> [String] {
        (0..<code.size).map { y in String((0..<code.size).map { code.isDark(x: $0, y: y) ? "1" : "0" }) }
    }

    static func matrix(_ rows: [String]) -> QRCode.Matrix {
        var matrix = QRCode.Matrix(size: rows.count)
        for (y, row) in rows.enumerated() {
            for (x, module) in row.enumerated() { matrix[x, y] = module == "1" }
        }
        return matrix
    }

    @Test func helloWorldAtMediumGivesThePublishedCodewords() {
        // Thonky's QR code tutorial, "error correction coding": the 1-M message and its 10 EC codewords.
        let capacity = QRCode.Capacity(version: 1, correction: .medium)
        let data = QRCode.Segment("HELLO WORLD").codewords(capacity: capacity)
        #expect(
            data == [0x20, 0x5B, 0x0B, 0x78, 0xD1, 0x72, 0xDC, 0x4D, 0x43, 0x40, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11])
        #expect(capacity.interleaved(data) == data + [0xC4, 0x23, 0x27, 0x77, 0xEB, 0xD7, 0xE7, 0xE2, 0x5D, 0x17])
    }

    @Test func helloWorldAtQuartileIsAlphanumericVersionOne() throws {
        let capacity = QRCode.Capacity(version: 1, correction: .quartile)
        let segment = QRCode.Segment("HELLO WORLD")
        #expect(segment.mode == .alphanumeric && segment.bitCount(version: 1) == 74)
        let data = segment.codewords(capacity: capacity)
        #expect(data == [0x20, 0x5B, 0x0B, 0x78, 0xD1, 0x72, 0xDC, 0x4D, 0x43, 0x40, 0xEC, 0x11, 0xEC])
        #expect(
            capacity.interleaved(data)
                == data + [0xA8, 0x48, 0x16, 0x52, 0xD9, 0x36, 0x9C, 0x00, 0x2E, 0x0F, 0xB4, 0x7A, 0x10])

        let code = try QRCode("HELLO WORLD", correction: .quartile)
        #expect(code.version == 1 && code.size == 21 && code.mask == 0)
        #expect(Self.rows(code) == Self.helloWorldQuartile)
    }

    @Test func functionPatternsAreWhereTheStandardPutsThem() throws {
        let code = try QRCode("HELLO WORLD", correction: .quartile)
        let finder = ["1111111", "1000001", "1011101", "1011101", "1011101", "1000001", "1111111"]
        for (left, top) in [(0, 0), (code.size - 7, 0), (0, code.size - 7)] {
            let drawn = (0..<7).map { y in String((0..<7).map { code.isDark(x: left + $0, y: top + y) ? "1" : "0" }) }
            #expect(drawn == finder)
        }
        for index in 8..<code.size - 8 {
            #expect(code.isDark(x: index, y: 6) == index.isMultiple(of: 2))
            #expect(code.isDark(x: 6, y: index) == index.isMultiple(of: 2))
        }
        #expect(code.isDark(x: 8, y: 4 * code.version + 9))
        // Format information, most significant bit first: along row 8 left of the timing column, then up column 8.
        let format = QRCode.Matrix.formatBits(correction: .quartile, mask: code.mask)
        let topLeft =
            [(0, 8), (1, 8), (2, 8), (3, 8), (4, 8), (5, 8), (7, 8), (8, 8), (8, 7)]
            + [(8, 5), (8, 4), (8, 3), (8, 2), (8, 1), (8, 0)]
        for (bit, (x, y)) in topLeft.enumerated() {
            #expect(code.isDark(x: x, y: y) == (format >> (14 - bit) & 1 == 1))
        }
        #expect(!code.isDark(x: -1, y: 0) && !code.isDark(x: 0, y: code.size))
    }

    @Test func formatAndVersionBitsMatchTheStandardsTables() {
        let quartile = [
            0b011010101011111, 0b011000001101000, 0b011111100110001, 0b011101000000110,
            0b010010010110100, 0b010000110000011, 0b010111011011010, 0b010101111101101,
        ]
        #expect((0..<8).map { QRCode.Matrix.formatBits(correction: .quartile, mask: $0) } == quartile)
        #expect(QRCode.Matrix.formatBits(correction: .low, mask: 0) == 0b111011111000100)
        #expect(QRCode.Matrix.formatBits(correction: .medium, mask: 0) == 0b101010000010010)
        #expect(QRCode.Matrix.formatBits(correction: .high, mask: 7) == 0b000100000111011)
        #expect((7...10).map(QRCode.Matrix.versionBits) == [0x07C94, 0x085BC, 0x09A99, 0x0A4D3])
    }

    @Test func versionSevenCarriesItsVersionInformation() throws {
        let code = try QRCode(String(repeating: "k", count: 150), correction: .low)
        #expect(code.version == 7 && code.size == 45)
        let bits = QRCode.Matrix.versionBits(7)
        for index in 0..<18 {
            let dark = bits >> index & 1 == 1
            #expect(code.isDark(x: code.size - 11 + index % 3, y: index / 3) == dark)
            #expect(code.isDark(x: index / 3, y: code.size - 11 + index % 3) == dark)
        }
    }

    @Test func reedSolomonGeneratorAndRemainder() {
        // α^251, α^67, α^46, α^61, α^118, α^70, α^64, α^94, α^32, α^45 (Thonky's generator table, 10 codewords).
        #expect(QRCode.ReedSolomon.generator(degree: 10) == [216, 194, 159, 111, 199, 94, 95, 113, 157, 193])
        #expect(QRCode.ReedSolomon.generator(degree: 2) == [3, 2])
        #expect(QRCode.ReedSolomon.multiply(0x80, 2) == 0x1D)
        let message: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        #expect(
            QRCode.ReedSolomon.remainder(of: message, generator: QRCode.ReedSolomon.generator(degree: 10))
                == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test func penaltyRulesScoreHandMadeMatrices() {
        // One run of six in the top row (3 + 1); otherwise a checkerboard: 21 of 36 dark is 58 %.
        let run = Self.matrix(["111111", "010101", "101010", "010101", "101010", "010101"])
        let runScores: [Int] = [run.runPenalty, run.blockPenalty, run.finderLikePenalty, run.balancePenalty]
        #expect(runScores == [4, 0, 0, 10])
        // All light: 14 runs of seven (5 each), 36 blocks, no finder-like pattern, 0 % dark.
        let light = Self.matrix(Array(repeating: "0000000", count: 7))
        let lightScores: [Int] = [light.runPenalty, light.blockPenalty, light.finderLikePenalty, light.balancePenalty]
        #expect(lightScores == [70, 108, 0, 100])
        #expect(light.penalty == 278)
        // Four 2 × 2 blocks in a dark 3 × 3.
        #expect(Self.matrix(["111", "111", "111"]).blockPenalty == 12)
        // A 1:1:3:1:1 pattern against the edge counts once (the quiet zone is light); one with dark within
        // four modules on both sides does not.
        #expect(Self.matrix(["1011101"] + Array(repeating: "0000000", count: 6)).finderLikePenalty == 40)
        let framed = ["00001011101", "11011101100"] + Array(repeating: "01010101010", count: 9)
        #expect(Self.matrix(framed).finderLikePenalty == 40)
    }

    @Test func chosenMaskHasTheLowestPenalty() throws {
        let code = try QRCode("M00000042", correction: .high)
        let capacity = QRCode.Capacity(version: code.version, correction: .high)
        var unmasked = QRCode.Matrix(version: code.version)
        unmasked.place(capacity.interleaved(QRCode.Segment("M00000042").codewords(capacity: capacity)))
        let penalties = (0..<8).map { unmasked.masked($0, correction: .high).penalty }
        #expect(penalties[code.mask] == penalties.min())
    }

    @Test func picksTheSmallestVersionAndFailsPastVersionTen() throws {
        #expect(try QRCode("M00000042", correction: .high).version == 1)
        #expect(try QRCode("https://kefu.example/m/abc").version == 2)
        #expect(try QRCode(String(repeating: "x", count: 271), correction: .low).version == 10)
        #expect(try QRCode(String(repeating: "Z", count: 311)).version == 10)
        #expect(throws: QRCode.Failure.tooLong) { try QRCode(String(repeating: "x", count: 272), correction: .low) }
        #expect(throws: QRCode.Failure.tooLong) { try QRCode(String(repeating: "Z", count: 312)) }
        #expect(QRCode.Segment("会员 M1").mode == .byte && QRCode.Segment("会员 M1").count == 9)
    }

    @Test func svgIsOneEscapedDeterministicPath() throws {
        let code = try QRCode("M00000042")
        let svg = code.svg(title: "<script>alert('x')</script> & \"会员\"")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 116 116\" role=\"img\" "))
        #expect(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;会员&quot;</title>"))
        #expect(!svg.contains("<script") && !svg.contains("style=") && svg.hasSuffix("\"/></svg>"))
        #expect(svg.components(separatedBy: "<path ").count == 2)
        // The top row starts with the finder's seven dark modules as one run, inside the quiet zone.
        #expect(svg.contains("<path d=\"M16 16h28v4h-28z"))
        let runs = (0..<code.size).reduce(0) { count, y in
            count + (0..<code.size).filter { code.isDark(x: $0, y: y) && !code.isDark(x: $0 - 1, y: y) }.count
        }
        #expect(svg.filter { $0 == "M" }.count == runs)
        let again = try QRCode("M00000042")
        #expect(again == code && again.svg(title: "<script>alert('x')</script> & \"会员\"") == svg)
        #expect(code.svg(moduleSize: 2, quietZone: 1, title: "").contains("viewBox=\"0 0 46 46\""))
    }
}
