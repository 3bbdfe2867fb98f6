extension QRCode.Matrix {
    /// A version's function patterns (ISO/IEC 18004 §6.3), with the format areas reserved (drawn
    /// for mask 0 until the mask is chosen) and, from version 7 on, the version information.
    init(version: Int) {
        self.init(size: 17 + 4 * version)
        for index in 0..<size {
            setFunction(x: 6, y: index, dark: index.isMultiple(of: 2))
            setFunction(x: index, y: 6, dark: index.isMultiple(of: 2))
        }
        for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] { drawFinder(centreX: x, centreY: y) }
        let centres = Self.alignmentCentres[version - 1]
        for x in centres {
            for y in centres where !Self.overlapsFinder(x, y, last: centres.last!) {
                drawAlignment(centreX: x, centreY: y)
            }
        }
        drawFormat(correction: .medium, mask: 0)
        if version >= 7 { drawVersion(version) }
    }

    /// The codewords' bits, most significant first, up and down two-module columns from the
    /// bottom-right corner, skipping function modules and the vertical timing column (§7.7.3). The
    /// modules left over (the remainder bits of versions 2–6) stay light.
    mutating func place(_ codewords: [UInt8]) {
        var bit = 0
        for right in stride(from: size - 1, through: 1, by: -2).map({ $0 <= 6 ? $0 - 1 : $0 }) {
            let upward = (right + 1) & 2 == 0
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                for x in [right, right - 1] where !isFunction(x: x, y: y) && bit < codewords.count * 8 {
                    self[x, y] = codewords[bit >> 3] >> (7 - bit & 7) & 1 == 1
                    bit += 1
                }
            }
        }
    }

    /// A copy with data mask `mask` (§7.8.2) applied to every module outside the function patterns,
    /// and the format information that names it.
    func masked(_ mask: Int, correction: QRCode.Correction) -> Self {
        var copy = self
        for y in 0..<size {
            for x in 0..<size where !isFunction(x: x, y: y) && Self.inverts(mask, x: x, y: y) {
                copy[x, y].toggle()
            }
        }
        copy.drawFormat(correction: correction, mask: mask)
        return copy
    }

    /// Whether data mask `mask` inverts the module in column `x`, row `y` (table 10: i is the row, j the column).
    static func inverts(_ mask: Int, x j: Int, y i: Int) -> Bool {
        switch mask {
        case 0: (i + j) % 2 == 0
        case 1: i % 2 == 0
        case 2: j % 3 == 0
        case 3: (i + j) % 3 == 0
        case 4: (i / 2 + j / 3) % 2 == 0
        case 5: i * j % 2 + i * j % 3 == 0
        case 6: (i * j % 2 + i * j % 3) % 2 == 0
        default: ((i + j) % 2 + i * j % 3) % 2 == 0
        }
    }

    /// The 15 format bits: the level's two bits and the mask's three, their BCH(15,5) remainder by
    /// x¹⁰+x⁸+x⁵+x⁴+x²+x+1 (0x537), XOR-ed with 0x5412 so no format reads as all light (§7.9.1).
    static func formatBits(correction: QRCode.Correction, mask: Int) -> Int {
        let level =
            switch correction {
            case .low: 1
            case .medium: 0
            case .quartile: 3
            case .high: 2
            }
        let data = level << 3 | mask
        return (data << 10 | bchRemainder(data, degree: 10, generator: 0x537)) ^ 0x5412
    }

    /// The 18 version bits: the version's six bits and their BCH(18,6) remainder by 0x1F25 (§7.10).
    static func versionBits(_ version: Int) -> Int {
        version << 12 | bchRemainder(version, degree: 12, generator: 0x1F25)
    }

    private static func bchRemainder(_ data: Int, degree: Int, generator: Int) -> Int {
        var remainder = data
        // The remainder stays below 2^degree: a bit shifted out at the top is cancelled by the generator's.
        for _ in 0..<degree { remainder = remainder << 1 ^ (remainder >> (degree - 1)) * generator }
        return remainder
    }

    /// Both copies of the format information (§7.9.1, figure 25), and the dark module at (8, 4V + 9).
    private mutating func drawFormat(correction: QRCode.Correction, mask: Int) {
        let bits = Self.formatBits(correction: correction, mask: mask)
        func bit(_ index: Int) -> Bool { bits >> index & 1 == 1 }
        for index in 0..<15 {
            // Around the top-left finder: down column 8 (skipping the timing row), then left along row 8.
            let (x, y) =
                index < 6 ? (8, index) : index < 8 ? (8, index + 1) : index == 8 ? (7, 8) : (14 - index, 8)
            setFunction(x: x, y: y, dark: bit(index))
            // Split between the other two finders: along row 8 from the right, then down column 8.
            let (x2, y2) = index < 8 ? (size - 1 - index, 8) : (8, size - 15 + index)
            setFunction(x: x2, y: y2, dark: bit(index))
        }
        setFunction(x: 8, y: size - 8, dark: true)
    }

    /// The version information as two 6 × 3 blocks beside the top-right and bottom-left finders (§7.10).
    private mutating func drawVersion(_ version: Int) {
        let bits = Self.versionBits(version)
        for index in 0..<18 {
            let dark = bits >> index & 1 == 1
            setFunction(x: size - 11 + index % 3, y: index / 3, dark: dark)
            setFunction(x: index / 3, y: size - 11 + index % 3, dark: dark)
        }
    }

    /// A 7 × 7 finder and its light separator, clipped to the symbol.
    private mutating func drawFinder(centreX: Int, centreY: Int) {
        for dy in -4...4 {
            for dx in -4...4 where (0..<size).contains(centreX + dx) && (0..<size).contains(centreY + dy) {
                let ring = max(abs(dx), abs(dy))
                setFunction(x: centreX + dx, y: centreY + dy, dark: ring != 2 && ring != 4)
            }
        }
    }

    private mutating func drawAlignment(centreX: Int, centreY: Int) {
        for dy in -2...2 {
            for dx in -2...2 { setFunction(x: centreX + dx, y: centreY + dy, dark: max(abs(dx), abs(dy)) != 1) }
        }
    }

    /// Alignment patterns sit at every pair of these centres except the three the finders occupy.
    private static func overlapsFinder(_ x: Int, _ y: Int, last: Int) -> Bool {
        (x == 6 && y == 6) || (x == 6 && y == last) || (x == last && y == 6)
    }

    /// Row and column centres of the alignment patterns, versions 1–10 (annex E).
    private static let alignmentCentres: [[Int]] = [
        [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
    ]
}
