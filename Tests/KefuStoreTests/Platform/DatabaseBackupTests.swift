import Foundation
import KefuStore
import KefuTestSupport
import Testing

@Suite("Database backup")
struct DatabaseBackupTests {
    /// A file that appears under the backup's name while the copy is made is never replaced, and
    /// the copy's temporary file does not stay behind.
    @Test func anExistingFileIsLeftAloneUnlessReplacing() async throws {
        try await withDatabase(.sqlite) { database in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-b-" + UUID().uuidString)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let target = folder.appendingPathComponent("copy.sqlite")
            try Data("keep me".utf8).write(to: target)
            // MUT
            await #expect(throws: StoreError.self) { try await database.backUp(to: target.path, replacing: false) }
            // validate
            #expect(try Data(contentsOf: target) == Data("keep me".utf8))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["copy.sqlite"])
            let replaced = try await database.backUp(to: target.path, replacing: true)
            #expect(replaced.integrity == "ok")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["copy.sqlite"])
        }
    }

    /// A copy that cannot be verified (here: not a Kefu database, so no customers to count) is removed.
    @Test func aFailedBackupLeavesNoFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-b-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let other = try KefuDatabase(location: .sqlite(path: folder.appendingPathComponent("other.sqlite").path))
        try await other.execute("CREATE TABLE notes (body TEXT)")
        // MUT
        await #expect(throws: (any Error).self) {
            try await other.backUp(to: folder.appendingPathComponent("copy.sqlite").path, replacing: false)
        }
        await other.shutdown()
        // validate
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["other.sqlite"])
    }

    @Test func postgresIsBackedUpWithPgDumpWithoutThePassword() {
        let location = DatabaseLocation("postgres://kefu:s3cret@db.example.com:5433/kefu?tlsmode=require")
        #expect(
            location.pgDumpCommand(file: "/var/backups/kefu's.dump")
                == #"pg_dump --format=custom --file='/var/backups/kefu'\''s.dump' "#
                + #"'postgres://kefu@db.example.com:5433/kefu?sslmode=require'"#)
        #expect(
            DatabaseLocation("postgresql://u@h/d?ssl=false").pgDumpCommand(file: "f")
                == "pg_dump --format=custom --file='f' 'postgresql://u@h/d?sslmode=disable'")
        #expect(
            DatabaseLocation("postgres://u@h:5432/d").pgDumpCommand(file: "f")
                == "pg_dump --format=custom --file='f' 'postgres://u@h:5432/d'")
        #expect(DatabaseLocation("./kefu.sqlite").pgDumpCommand(file: "f") == nil)
    }
}
