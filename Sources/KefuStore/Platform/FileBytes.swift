public import Foundation
public import KefuCore

/// A file read a piece at a time, so an import never holds the whole file. Copies share the open
/// file and its position: read it through one value.
public struct FileBytes: ByteSource {
    private let handle: FileHandle
    private let pieceSize: Int
    /// The file's size when opened, for progress and to size what an import keeps.
    public let size: Int
    private var read = 0

    public init(_ url: URL, pieceSize: Int = 1 << 20) throws {
        handle = try FileHandle(forReadingFrom: url)
        size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        self.pieceSize = pieceSize
    }

    public mutating func next() throws -> [UInt8]? {
        guard let data = try handle.read(upToCount: pieceSize), !data.isEmpty else { return nil }
        read += data.count
        return [UInt8](data)
    }

    public var fractionRead: Double { size == 0 ? 1 : min(1, Double(read) / Double(size)) }
}
