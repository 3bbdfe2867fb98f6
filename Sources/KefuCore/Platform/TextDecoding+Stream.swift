import Foundation

extension TextDecoding {
    /// A file in any encoding `decode` accepts, turned into UTF-8 piece by piece so an import never
    /// holds the whole file. Each piece ends after a line feed (or at the end of the file): in
    /// UTF-8, GB18030 and UTF-16 a line feed never sits inside a character, so every piece
    /// converts on its own.
    ///
    /// A byte-order mark settles the encoding at once. Without one, ASCII passes through until the
    /// first piece holding other bytes: they are UTF-8 if they are valid UTF-8, GB18030 otherwise
    /// (the two agree on ASCII, so nothing already handed out changes meaning).
    public struct UTF8Stream: ByteSource {
        private var source: any ByteSource
        private var pending: [UInt8] = []
        private var sourceDone = false
        private var sawStart = false
        /// Line feeds handed out so far, to give the line of a bad byte.
        private var lines = 0
        /// The encoding found so far; nil while everything has been ASCII (read as UTF-8).
        public private(set) var encoding: Encoding?

        public init(_ source: some ByteSource) {
            self.source = source
        }

        public var fractionRead: Double { source.fractionRead }

        /// The next piece of UTF-8 without a byte-order mark, or nil at the end; throws `Failure`
        /// for bytes that are not text (NUL included), or what the source throws.
        public mutating func next() throws -> [UInt8]? {
            while true {
                if !sourceDone {
                    if let piece = try source.next() { pending += piece } else { sourceDone = true }
                }
                if !sawStart {
                    guard sourceDone || pending.count >= 3 else { continue }
                    skipByteOrderMark()
                }
                let cut = sourceDone ? pending.count : lastLineEnd()
                guard cut > 0 else {
                    if sourceDone { return nil }
                    continue
                }
                let piece = Array(pending[..<cut])
                pending.removeSubrange(..<cut)
                let utf8 = try convert(piece)
                if let nul = utf8.firstIndex(of: 0) {
                    throw Failure.nulByte(line: lines + line(of: nul, in: utf8[...]))
                }
                lines += utf8.count { $0 == 0x0A }
                if !utf8.isEmpty { return utf8 }
            }
        }

        private mutating func skipByteOrderMark() {
            sawStart = true
            for (mark, found) in [
                ([0xEF, 0xBB, 0xBF], Encoding.utf8WithBOM), ([0xFF, 0xFE], .utf16LittleEndian),
                ([0xFE, 0xFF], .utf16BigEndian),
            ] as [([UInt8], Encoding)]
            where pending.starts(with: mark) {
                encoding = found
                pending.removeFirst(mark.count)
                return
            }
        }

        /// Length of `pending` up to and including its last line feed, or 0 when it has none.
        private func lastLineEnd() -> Int {
            switch encoding {
            case .utf16LittleEndian, .utf16BigEndian:
                let feed: (UInt8, UInt8) = encoding == .utf16LittleEndian ? (0x0A, 0) : (0, 0x0A)
                var i = pending.count & ~1 - 2
                while i >= 0 {
                    if pending[i] == feed.0, pending[i + 1] == feed.1 { return i + 2 }
                    i -= 2
                }
                return 0
            default:
                return pending.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            }
        }

        private mutating func convert(_ piece: [UInt8]) throws(Failure) -> [UInt8] {
            switch encoding {
            case nil:
                guard let first = piece.firstIndex(where: { $0 >= 0x80 }) else { return piece }
                encoding = firstInvalidUTF8(piece[first...]) == nil ? .utf8 : .gb18030
                return try convert(piece)
            case .utf8, .utf8WithBOM:
                guard let bad = firstInvalidUTF8(piece[...]) else { return piece }
                let line = lines + line(of: bad, in: piece[...])
                throw encoding == .utf8WithBOM
                    ? .corrupt(encoding: .utf8WithBOM, line: line)
                    : .unsupportedEncoding(line: line)
            case .gb18030:
                guard let text = String(data: Data(piece), encoding: gb18030) else {
                    throw .unsupportedEncoding(line: lines + line(of: firstInvalidUTF8(piece[...]), in: piece[...]))
                }
                return Array(text.utf8)
            case .utf16LittleEndian, .utf16BigEndian:
                let foundation: String.Encoding = encoding == .utf16LittleEndian ? .utf16LittleEndian : .utf16BigEndian
                guard piece.count % 2 == 0, let text = String(data: Data(piece), encoding: foundation) else {
                    throw .corrupt(encoding: encoding ?? .utf16LittleEndian, line: lines + 1)
                }
                return Array(text.utf8)
            }
        }
    }
}
