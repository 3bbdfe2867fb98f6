/// Whitespace helpers used on hot import paths; internal so they do not leak into other modules.
extension StringProtocol {
    /// The text without leading and trailing white space (Unicode White_Space, newlines included):
    /// what `trimmingCharacters(in: .whitespacesAndNewlines)` returns, without the NSString round trip
    /// that makes that call cost microseconds on Linux, where imports call it several times per row.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].isWhitespace { start = scalars.index(after: start) }
        while start < end {
            let last = scalars.index(before: end)
            guard scalars[last].isWhitespace else { break }
            end = last
        }
        return String(self[start..<end])
    }

    /// True when the text is empty or only white space.
    var isBlank: Bool {
        unicodeScalars.allSatisfy(\.isWhitespace)
    }
}

extension Unicode.Scalar {
    /// Unicode White_Space, with an ASCII fast path (the property lookup is comparatively slow).
    var isWhitespace: Bool {
        value < 0x80 ? value == 0x20 || (0x09...0x0D).contains(value) : properties.isWhitespace
    }
}
