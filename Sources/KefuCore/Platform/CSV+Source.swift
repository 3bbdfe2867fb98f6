extension CSV {
    /// Records of bytes in memory, or of a `ByteSource` pulled one piece at a time as the reader
    /// needs more, so a file of any size is read holding about one piece.
    public struct SourceReader: Sendable {
        private var reader: Reader
        private var source: (any ByteSource)?

        /// Reads `bytes` (a leading byte-order mark is skipped).
        public init(utf8 bytes: [UInt8]) {
            reader = Reader(utf8: bytes)
        }

        /// Reads UTF-8 without a byte-order mark from `source` (`TextDecoding.UTF8Stream` makes it).
        public init(source: some ByteSource) {
            reader = Reader()
            self.source = source
        }

        /// The next record, or nil at the end; throws `ParseError` or what the source throws.
        public mutating func next() throws -> Record? {
            while true {
                if let record = try reader.next() { return record }
                if reader.inputEnded { return nil }
                if let piece = try source?.next() { reader.append(piece) } else { reader.finish() }
            }
        }

        /// Share of the input read so far (0...1), for a progress line.
        public var fractionRead: Double {
            if let source { return source.fractionRead }
            return reader.totalBytes == 0 ? 1 : Double(reader.bytesRead) / Double(reader.totalBytes)
        }
    }
}
