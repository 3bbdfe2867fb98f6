import KefuCore
import Foundation
import SQLKit

/// A verified copy of a SQLite database, as `kefu backup` reports it.
public struct BackupReport: Sendable, Encodable {
    public let file: String
    public let bytes: Int
    /// Live customers in the copy (neither deleted nor merged away).
    public let customers: Int
    /// `PRAGMA integrity_check` of the copy: "ok".
    public let integrity: String
}

extension KefuDatabase {
    /// Copies this SQLite database into `file` while other connections (a running `kefu serve`)
    /// keep writing. `VACUUM INTO` reads one snapshot, so the copy holds exactly the transactions
    /// committed before it began, and it is a self-contained file (no `-wal` beside it). The copy is
    /// written under a temporary name in the same folder, checked, flushed to disk, and only then
    /// given its name, so a failed backup leaves no half file. An existing `file` is replaced only
    /// when `replacing` is true; otherwise it is never touched.
    public func backUp(to file: String, replacing: Bool) async throws -> BackupReport {
        guard engine == .sqlite else {
            throw StoreError.configuration("only a SQLite database can be copied, not \(location)")
        }
        let target = URL(fileURLWithPath: file)
        let folder = target.deletingLastPathComponent()
        let partial = folder.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).partial")
        do {
            try await db.sql.raw("VACUUM INTO \(bind: partial.path)").run()
            let (integrity, customers) = try await Self.verify(partial.path)
            guard integrity == "ok" else { throw StoreError.corrupt("integrity check of the copy: \(integrity)") }
            let bytes = try Self.flush(partial)
            try Self.give(partial, name: target, replacing: replacing)
            try Self.flush(folder: folder)
            return BackupReport(file: file, bytes: bytes, customers: customers, integrity: integrity)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }

    /// Opens `path` as a database of its own and returns its integrity check and live customers.
    private static func verify(_ path: String) async throws -> (integrity: String, customers: Int) {
        let copy = try KefuDatabase(location: .sqlite(path: path), poolSize: 1)
        do {
            let rows = try await copy.db.sql.raw("PRAGMA integrity_check").all()
            let integrity = try rows.map { try $0.decode(column: "integrity_check", as: String.self) }
                .joined(separator: "; ")
            let customers = try await CustomerRepository(copy).count(CustomerQuery())
            await copy.shutdown()
            return (integrity, customers)
        } catch {
            await copy.shutdown()
            throw error
        }
    }

    /// Forces the file to disk (SQLite does not for `VACUUM INTO`) and returns its size.
    private static func flush(_ file: URL) throws -> Int {
        let handle = try FileHandle(forUpdating: file)
        defer { try? handle.close() }
        try handle.synchronize()
        return Int(try handle.seekToEnd())
    }

    /// Makes a rename in `folder` survive a power cut.
    private static func flush(folder: URL) throws {
        let descriptor = open(folder.path, O_RDONLY)
        guard descriptor >= 0 else { throw failure("cannot open", folder) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure("cannot flush", folder) }
    }

    /// Gives `partial` its final name atomically: `rename` replaces, `link` fails on an existing
    /// file (a file that appeared while the copy was made is left alone).
    private static func give(_ partial: URL, name target: URL, replacing: Bool) throws {
        if replacing {
            guard rename(partial.path, target.path) == 0 else { throw failure("cannot write", target) }
        } else {
            guard link(partial.path, target.path) == 0 else { throw failure("cannot create", target) }
            try FileManager.default.removeItem(at: partial)
        }
    }

    /// The failure of the system call just made, with its `errno`.
    private static func failure(_ action: String, _ file: URL) -> StoreError {
        StoreError.configuration("\(action) \(file.path): \(String(cString: strerror(errno)))")
    }
}

extension DatabaseLocation {
    /// The `pg_dump` command that backs up this PostgreSQL database into `file` in the custom
    /// format `pg_restore` reads, quoted for a POSIX shell; nil for SQLite. The password stays out
    /// of it (pg_dump reads `PGPASSWORD` or `~/.pgpass`), and the TLS mode becomes libpq's `sslmode`.
    public func pgDumpCommand(file: String) -> String? {
        guard case .postgres(let url) = self, var components = URLComponents(string: url) else { return nil }
        let tls = components.queryItems?.last { ["tlsmode", "sslmode", "ssl", "tls"].contains($0.name.lowercased()) }
        components.password = nil
        components.fragment = nil
        components.queryItems = tls?.value.map { [URLQueryItem(name: "sslmode", value: Self.libpqSSLMode($0))] }
        return "pg_dump --format=custom --file=\(Self.shellQuoted(file)) \(Self.shellQuoted(components.string ?? url))"
    }

    /// PostgresKit also accepts `true` and `false`; libpq knows the other modes by the same names.
    private static func libpqSSLMode(_ mode: String) -> String {
        switch mode {
        case "true": "prefer"
        case "false": "disable"
        default: mode
        }
    }

    private static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
