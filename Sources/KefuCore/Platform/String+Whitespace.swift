/// Whitespace helpers for hot import paths, where Foundation's `trimmingCharacters(in:)` costs
/// microseconds per call on Linux (it round-trips through NSString). Internal, so they do not leak
/// into other modules.
extension StringProtocol {
    /// What `trimmingCharacters(in: .whitespacesAndNewlines)` returns: the text without leading and
    /// trailing Unicode white space, newlines included.
    func trimmingWhitespace() -> String {
        let (start, end) = nonWhitespaceBounds()
        return String(self[start..<end])
    }

    /// True when the text is empty or only white space.
    var isBlank: Bool {
        unicodeScalars.allSatisfy(\.isWhitespace)
    }

    fileprivate func nonWhitespaceBounds() -> (String.Index, String.Index) {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].isWhitespace { start = scalars.index(after: start) }
        while start < end {
            let last = scalars.index(before: end)
            guard scalars[last].isWhitespace else { break }
            end = last
        }
        return (start, end)
    }
}

extension String {
    /// As on `StringProtocol`, but returns `self` itself, without a copy, when there is nothing to trim.
    func trimmingWhitespace() -> String {
        let (start, end) = nonWhitespaceBounds()
        return start == startIndex && end == endIndex ? self : String(self[start..<end])
    }
}

extension Unicode.Scalar {
    /// The Unicode White_Space property, spelled out: the property lookup is slow, and the set has
    /// not changed since Unicode 6.3.
    var isWhitespace: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}

extension String {
    /// Nil for the empty string, so an emptied text means "no value".
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
