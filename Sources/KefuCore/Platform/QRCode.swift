/// A QR code (ISO/IEC 18004, model 2, versions 1–10), encoded here because the member's phone page
/// shows the member number as one and Kefu takes on no package for it. The text is one segment:
/// alphanumeric when it can be (member numbers such as `M00000042`), UTF-8 bytes otherwise; the
/// smallest version that holds it at the chosen level, and of the eight masks the one the standard's
/// penalty rules score lowest, so the same text always gives the same symbol.
public struct QRCode: Sendable, Equatable {
    /// How much of the symbol may be lost and still read: about 7, 15, 25 and 30 % (L, M, Q, H).
    public enum Correction: Sendable, CaseIterable {
        case low, medium, quartile, high
    }

    /// Why a text has no code: it needs more than version 10 holds at the chosen level (at medium,
    /// 213 bytes or 311 alphanumeric characters).
    public enum Failure: Error, Equatable, Sendable {
        case tooLong
    }

    /// Modules per side: 21 for version 1, four more per version.
    public let size: Int
    public let version: Int
    public let correction: Correction
    /// The data mask (0–7) the penalty rules chose.
    public let mask: Int
    private let modules: Matrix

    public init(_ text: String, correction: Correction = .medium) throws(Failure) {
        let segment = Segment(text)
        let fitting = (1...10).lazy.map { Capacity(version: $0, correction: correction) }
            .first { capacity in
                segment.bitCount(version: capacity.version).map { $0 <= capacity.dataCodewords * 8 } ?? false
            }
        guard let capacity = fitting else { throw .tooLong }
        var unmasked = Matrix(version: capacity.version)
        unmasked.place(capacity.interleaved(segment.codewords(capacity: capacity)))
        let candidates = (0..<8).map { unmasked.masked($0, correction: correction) }
        let best = candidates.indices.min { candidates[$0].penalty < candidates[$1].penalty }!
        self.size = unmasked.size
        self.version = capacity.version
        self.correction = correction
        self.mask = best
        self.modules = candidates[best]
    }

    /// Whether the module in column `x`, row `y` is dark; outside the symbol (the quiet zone) it is light.
    public func isDark(x: Int, y: Int) -> Bool {
        (0..<size).contains(x) && (0..<size).contains(y) && modules[x, y]
    }
}
