import ArgumentParser
import Foundation
import KefuStore

/// `kefu backup --out FILE`: a verified, self-contained copy of the SQLite database, safe to take
/// while `kefu serve` writes. PostgreSQL is backed up with its own tool: the command prints how.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the database into a file, also while the server runs.",
        discussion: "SQLite only; on PostgreSQL it prints the pg_dump command to run and exits 1. "
            + "See README.md › Backup, restore and upgrade.")

    @Option(help: ArgumentHelp("The backup file to create.", valueName: "file")) var out: String
    @Flag(help: "Replace the --out file if it exists.") var force = false
    @Option(help: "text or json.") var format = TextOrJSON.text
    @OptionGroup var options: DatabaseOptions

    func validate() throws {
        guard !out.isEmpty else { throw ValidationError("--out needs a file name.") }
    }

    func run() async throws {
        let location = options.location
        try refuseWhatCannotBeCopied(location)
        let report = try await options.withDatabase(migrating: false) { database in
            do {
                return try await database.backUp(to: out, replacing: force)
            } catch {
                throw CLIFailure("backup of \(location) failed: \(error)")
            }
        }
        if format == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            let customers = report.customers.formatted(.number.locale(Self.english))
            print(
                "Backed up \(location) to \(out): \(Self.size(report.bytes)), \(customers) customers, "
                    + "integrity \(report.integrity).")
        }
    }

    /// Fails before anything is read when the backup cannot or must not be made: PostgreSQL (after
    /// printing its pg_dump command), an in-memory database, or an `--out` that exists already.
    private func refuseWhatCannotBeCopied(_ location: DatabaseLocation) throws {
        switch location {
        case .postgres:
            guard let command = location.pgDumpCommand(file: out) else {
                throw CLIFailure("cannot read the PostgreSQL URL \(location)")
            }
            print(command)
            throw CLIFailure(
                "kefu backup copies SQLite databases; back up PostgreSQL with the pg_dump command above "
                    + "(it reads the password from PGPASSWORD or ~/.pgpass)")
        case .sqliteInMemory:
            throw CLIFailure("an in-memory database lives in one process only; there is nothing to back up")
        case .sqlite(let path):
            if FileManager.default.fileExists(atPath: out) {
                guard ![path, path + "-wal", path + "-shm"].contains(where: { Self.sameFile(out, $0) }) else {
                    throw CLIFailure("--out names the database itself")
                }
                guard force else {
                    throw CLIFailure("\(out) exists already; choose another file or pass --force to replace it")
                }
            }
        }
    }

    private static let english = Locale(identifier: "en_US")

    /// `12.3 MB`: decimal units, as file managers show them.
    private static func size(_ bytes: Int) -> String {
        Int64(bytes).formatted(.byteCount(style: .file).locale(english))
    }

    /// True when both paths name one file, however they are spelled (links included).
    private static func sameFile(_ one: String, _ other: String) -> Bool {
        var first = stat(), second = stat()
        return stat(one, &first) == 0 && stat(other, &second) == 0
            && first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }
}
