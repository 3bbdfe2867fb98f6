extension QRCode.Matrix {
    /// The score by which the lowest of the eight masks is chosen (ISO/IEC 18004 §7.8.3): long runs,
    /// 2 × 2 blocks and finder-like patterns confuse a reader, and so does a symbol far from half dark.
    var penalty: Int { runPenalty + blockPenalty + finderLikePenalty + balancePenalty }

    /// N1: 3 for every run of five modules of one colour in a row or column, plus 1 per module beyond five.
    var runPenalty: Int {
        lines.reduce(0) { total, line in
            var total = total
            var run = 1
            for index in 1...line.count {
                if index < line.count && line[index] == line[index - 1] {
                    run += 1
                } else {
                    if run >= 5 { total += run - 2 }
                    run = 1
                }
            }
            return total
        }
    }

    /// N2: 3 for every 2 × 2 block of one colour, overlapping blocks each counted.
    var blockPenalty: Int {
        var total = 0
        for y in 0..<size - 1 {
            for x in 0..<size - 1 where self[x, y] == self[x + 1, y] {
                if self[x, y] == self[x, y + 1] && self[x, y] == self[x + 1, y + 1] { total += 3 }
            }
        }
        return total
    }

    /// N3: 40 for every dark-light-dark-dark-dark-light-dark (1:1:3:1:1) pattern in a row or column with
    /// four light modules before or after it; beyond the edge lies the quiet zone, which is light.
    var finderLikePenalty: Int {
        let core = [true, false, true, true, true, false, true]
        let margin = [Bool](repeating: false, count: 4)
        return lines.reduce(0) { total, line in
            let padded = margin + line + margin
            let found = stride(from: 4, through: padded.count - 11, by: 1).filter { start in
                padded[start..<start + 7].elementsEqual(core)
                    && (!padded[start - 4..<start].contains(true) || !padded[start + 7..<start + 11].contains(true))
            }
            return total + 40 * found.count
        }
    }

    /// N4: 10 for every full 5 % by which the dark share strays from 50 % (below 45 % and above 55 %).
    var balancePenalty: Int {
        let total = size * size
        let dark = (0..<size).reduce(0) { count, y in count + (0..<size).filter { self[$0, y] }.count }
        return 10 * (abs(dark * 20 - total * 10) / total)
    }

    /// Every row, then every column.
    private var lines: [[Bool]] {
        (0..<size).map { y in (0..<size).map { self[$0, y] } } + (0..<size).map { x in (0..<size).map { self[x, $0] } }
    }
}
