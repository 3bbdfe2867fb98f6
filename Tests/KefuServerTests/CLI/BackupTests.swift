import KefuCore
import Foundation
import KefuStore
import KefuTestSupport
import SQLKit
import Testing

@Suite("kefu backup", .enabled(if: KefuCLI.built != nil))
struct BackupTests {
    let cli = KefuCLI.built!

    /// Creates customers concurrently against a real `kefu serve`, runs `kefu backup` in the middle
    /// of the load, and restores the copy as README says (stop, replace the file, start): every create
    /// acknowledged before the backup began is in the restored database.
    @Test func aBackupDuringCreatesHoldsEveryCreateAcknowledgedBeforeIt() async throws {
        try await withTemporaryDirectoryAsync { directory in
            let database = directory.appendingPathComponent("live.sqlite").path
            let copy = directory.appendingPathComponent("backup.sqlite").path
            let (server, base, token) = try await DurabilityTests().startServer(database: database)
            defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
            let ledger = Ledger(workers: 8)
            // MUT: 8 workers create customers until the backup is over; it starts after 200 creates.
            let load = Task {
                await withTaskGroup(of: Void.self) { group in
                    for worker in 0..<8 {
                        group.addTask {
                            var index = 0
                            while await !ledger.stopped, index < 5_000,
                                let id = try? await DurabilityTests.create(
                                    base: base, token: token, name: "客户 \(worker)-\(index)",
                                    phone: String(format: "137%02d%06d", worker, index))
                            {
                                await ledger.record(id)
                                index += 1
                            }
                            await ledger.workerEnded()
                        }
                    }
                }
            }
            await ledger.wait(for: 200)
            let before = await ledger.acknowledged
            let backup = try await cli.runOnOwnThread([
                "backup", "--out", copy, "--format", "json",
                "--database", database,
            ])
            await ledger.stop()
            await load.value
            let after = await ledger.acknowledged
            // validate
            #expect(backup.status == 0, "\(backup.stderr)")
            #expect(before.count >= 200)
            #expect(after.count > before.count, "creates went on while the backup ran")
            let json = try JSONSerialization.jsonObject(with: Data(backup.stdout.utf8))
            let report = try #require(json as? [String: Any])
            #expect(report["integrity"] as? String == "ok")
            #expect(report["file"] as? String == copy)
            let bytes = try FileManager.default.attributesOfItem(atPath: copy)[.size] as? Int
            #expect(report["bytes"] as? Int == bytes)
            let customers = try #require(report["customers"] as? Int)
            #expect((before.count...after.count).contains(customers))
            let left = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            #expect(!left.contains { $0.hasSuffix(".partial") || $0.hasPrefix("backup.sqlite-") }, "\(left)")
            let integrity = try await rows(in: .sqlite(path: copy), "PRAGMA integrity_check")
                .map { try $0.decode(column: "integrity_check", as: String.self) }
            #expect(integrity == ["ok"])
            // Restore: stop the server, put the copy in place of the file and its -wal and -shm, start.
            kill(server.processIdentifier, SIGTERM)
            server.waitUntilExit()
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
            try FileManager.default.moveItem(atPath: copy, toPath: database)
            let restored = try KefuDatabase(location: .sqlite(path: database))
            try await restored.migrate()
            let repository = CustomerRepository(restored)
            var missing: [String] = []
            for id in before where (try? await repository.get(UUID(uuidString: id)!)) == nil { missing.append(id) }
            let count = try await repository.count(CustomerQuery())
            await restored.shutdown()
            #expect(missing.isEmpty, "\(missing.count) of \(before.count) creates acknowledged before the backup lost")
            #expect(count == customers)
        }
    }

    @Test func anExistingFileIsRefusedUnlessForcedAndUsageErrorsExitTwo() throws {
        try withTemporaryDirectory { directory in
            let database = directory.appendingPathComponent("k.sqlite").path
            #expect(try cli.run(["migrate", "--database", database]).status == 0)
            let taken = directory.appendingPathComponent("taken.sqlite")
            try Data("keep me".utf8).write(to: taken)
            // MUT
            let refused = try cli.run(["backup", "--out", taken.path, "--database", database])
            let forced = try cli.run(["backup", "--out", taken.path, "--force", "--database", database])
            let itself = try cli.run(["backup", "--out", database, "--force", "--database", database])
            let none = directory.appendingPathComponent("none.sqlite").path
            let elsewhere = directory.appendingPathComponent("b").path
            let absent = try cli.run(["backup", "--out", elsewhere, "--database", none])
            // validate
            #expect(refused.status == 1)
            #expect(refused.stderr.hasPrefix("kefu: ") && refused.stderr.contains("exists already"))
            #expect(refused.stderr.split(separator: "\n").count == 1)
            #expect(forced.status == 0, "\(forced.stderr)")
            #expect(forced.stdout.hasPrefix("Backed up \(database) to \(taken.path): "))
            // The size of an empty database grows with the schema (kB, now MB): only its form is checked.
            #expect(
                forced.stdout.range(
                    of: #" [0-9.]+ (kB|MB), 0 customers, integrity ok\.\n$"#, options: .regularExpression) != nil,
                "\(forced.stdout)")
            #expect(try Data(contentsOf: taken) != Data("keep me".utf8))
            #expect(itself.status == 1 && itself.stderr == "kefu: --out names the database itself\n")
            #expect(absent.status == 1 && absent.stderr == "kefu: no database at \(none)\n")
            #expect(!FileManager.default.fileExists(atPath: none))
            #expect(try cli.run(["backup", "--database", database]).status == 2)
            #expect(try cli.run(["backup", "--out", "x", "--format", "xml", "--database", database]).status == 2)
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            #expect(Set(files).isSubset(of: ["k.sqlite", "k.sqlite-wal", "k.sqlite-shm", "taken.sqlite"]), "\(files)")
        }
    }

    /// `kefu backup` does not copy PostgreSQL: it prints a pg_dump command that does (without the
    /// password) and exits 1. The printed command is run to show it works.
    @Test(.enabled(if: Engine.postgresURL != nil))
    func onPostgreSQLItPrintsAWorkingPgDumpCommand() async throws {
        try await withEmptyPostgresDatabase { url in
            try await withTemporaryDirectoryAsync { directory in
                #expect(try cli.run(["migrate", "--database", url]).status == 0)
                let dump = directory.appendingPathComponent("kefu.dump").path
                var withPassword = try #require(URLComponents(string: url))
                withPassword.password = "not-printed"
                // MUT
                let result = try cli.run(["backup", "--out", dump, "--database", withPassword.string!])
                // validate
                #expect(result.status == 1)
                #expect(result.stderr.hasPrefix("kefu: ") && result.stderr.contains("pg_dump"))
                #expect(result.stderr.split(separator: "\n").count == 1)
                #expect(result.stdout == "pg_dump --format=custom --file='\(dump)' '\(url)'\n")
                #expect(!result.stdout.contains("not-printed"))
                let shell = Process()
                shell.executableURL = URL(fileURLWithPath: "/bin/sh")
                shell.arguments = ["-c", result.stdout]
                try ProcessLaunch.run(shell)
                shell.waitUntilExit()
                #expect(shell.terminationStatus == 0)
                #expect((try FileManager.default.attributesOfItem(atPath: dump)[.size] as? Int ?? 0) > 0)
            }
        }
    }
}

/// Acknowledged creates in the order they were answered, and a way to wait until there are enough.
private actor Ledger {
    private(set) var acknowledged: [String] = []
    private(set) var stopped = false
    private var running: Int
    private var waiter: (count: Int, continuation: CheckedContinuation<Void, Never>)?

    init(workers: Int) { running = workers }

    func record(_ id: String) {
        acknowledged.append(id)
        resumeIfReady()
    }

    func workerEnded() {
        running -= 1
        resumeIfReady()
    }

    func stop() { stopped = true }

    /// Returns once `count` creates are acknowledged, or sooner if every worker has ended.
    func wait(for count: Int) async {
        await withCheckedContinuation { continuation in
            waiter = (count, continuation)
            resumeIfReady()
        }
    }

    private func resumeIfReady() {
        guard let waiter, acknowledged.count >= waiter.count || running == 0 else { return }
        self.waiter = nil
        waiter.continuation.resume()
    }
}

extension KefuCLI {
    /// `run` on a thread of its own, so the cooperative pool keeps serving the load meanwhile.
    func runOnOwnThread(_ arguments: [String]) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try run(arguments) }) }
        }
    }
}
