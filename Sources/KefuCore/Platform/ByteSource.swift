/// Input read in pieces, in order — a file read chunk by chunk, an upload, bytes in memory — so a
/// reader of a large file holds one piece at a time instead of the whole file.
public protocol ByteSource: Sendable {
    /// The next piece (never empty), or nil at the end of the input.
    mutating func next() throws -> [UInt8]?
    /// Share of the input handed out so far (0...1), for a progress line.
    var fractionRead: Double { get }
}

/// Bytes already in memory, handed out `pieceSize` at a time (tests use tiny pieces to cross
/// every boundary a streaming reader has to handle).
public struct InMemoryBytes: ByteSource {
    private let bytes: [UInt8]
    private let pieceSize: Int
    private var position = 0

    public init(_ bytes: [UInt8], pieceSize: Int = 1 << 20) {
        self.bytes = bytes
        self.pieceSize = max(1, pieceSize)
    }

    public mutating func next() -> [UInt8]? {
        guard position < bytes.count else { return nil }
        let end = min(position + pieceSize, bytes.count)
        defer { position = end }
        return Array(bytes[position..<end])
    }

    public var fractionRead: Double { bytes.isEmpty ? 1 : Double(position) / Double(bytes.count) }
}
