import Foundation
import KefuCore
import KefuStore

/// The private folder where uploaded import files wait between preview and commit: they hold
/// customers' data, so the folder is 0700 and each file 0600 from the moment it is created (never
/// a shared temporary folder). A file is deleted at commit or cancel, and `sweep` deletes what
/// was left behind for longer than `keep`.
struct UploadFolder: Sendable {
    let url: URL
    let keep: TimeInterval
    /// The application's clock, so tests can age a file without waiting.
    let clock: WallClock

    init(_ url: URL, keep: TimeInterval = 3600, clock: WallClock) {
        self.url = url
        self.keep = keep
        self.clock = clock
    }

    /// `<database file>.uploads` next to a SQLite database; `uploads` under `dataDirectory` for
    /// PostgreSQL or an in-memory database.
    static func location(for database: DatabaseLocation, dataDirectory: String) -> URL {
        if case .sqlite(let path) = database { return URL(fileURLWithPath: path + ".uploads") }
        return URL(fileURLWithPath: dataDirectory).appendingPathComponent("uploads")
    }

    /// Creates the folder (and a missing parent) as 0700, or tightens an existing one to 0700.
    func prepare() throws {
        let files = FileManager.default
        for folder in [url.deletingLastPathComponent(), url] where !files.fileExists(atPath: folder.path) {
            try files.createDirectory(
                at: folder, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        }
        try files.setAttributes([.posixPermissions: 0o700], ofItemAtPath: url.path)
    }

    /// Writes a new file readable by this user only; fails if `name` exists.
    func create(_ name: String, bytes: some DataProtocol) throws -> URL {
        try prepare()
        let file = url.appendingPathComponent(name)
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: file.path])
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: bytes)
            try handle.close()
        } catch {
            try? FileManager.default.removeItem(at: file)
            throw error
        }
        return file
    }

    /// The file named `name` when it is younger than `keep`.
    func waiting(_ name: String) -> URL? {
        let file = url.appendingPathComponent(name)
        guard let modified = modified(file), clock.now().timeIntervalSince(modified) < keep else { return nil }
        return file
    }

    func remove(_ name: String) {
        try? FileManager.default.removeItem(at: url.appendingPathComponent(name))
    }

    /// Deletes every file older than `keep`, and tightens a folder an older version left readable.
    func sweep() {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        try? prepare()
        let cutoff = clock.now().addingTimeInterval(-keep)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] {
            let file = url.appendingPathComponent(name)
            if let modified = modified(file), modified < cutoff { try? FileManager.default.removeItem(at: file) }
        }
    }

    private func modified(_ file: URL) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: file.path))?[.modificationDate] as? Date
    }
}
