import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import KefuStore
import KefuTestSupport
import Testing

@Suite("Durability of acknowledged writes", .enabled(if: KefuCLI.built != nil))
struct DurabilityTests {
    let cli = KefuCLI.built!

    /// Creates customers concurrently against a real `kefu serve`, kills it with SIGKILL mid-stream,
    /// and checks that every create that was answered 201 is in the database afterwards.
    @Test func killNineLosesNoAcknowledgedCreate() async throws {
        try await withTemporaryDirectoryAsync { directory in
            let database = directory.appendingPathComponent("durable.sqlite").path
            let (server, base, token) = try await startServer(database: database)
            defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
            // MUT: 8 workers create customers until the server is killed under them.
            let acknowledged = await Self.killMidStream(server, writes: 400) { worker, index in
                try? await Self.create(
                    base: base, token: token, name: "客户 \(worker)-\(index)",
                    phone: String(format: "139%02d%06d", worker, index))
            }
            server.waitUntilExit()
            // validate
            #expect(!acknowledged.isEmpty)
            let reopened = try KefuDatabase(location: .sqlite(path: database))
            let repository = CustomerRepository(reopened)
            var missing: [String] = []
            for id in acknowledged {
                if (try? await repository.get(UUID(uuidString: id)!)) == nil { missing.append(id) }
            }
            await reopened.shutdown()
            #expect(missing.isEmpty, "\(missing.count) of \(acknowledged.count) acknowledged creates were lost")
        }
    }

    /// The CLI and a running server share one SQLite file (WAL): an import made by the CLI while
    /// the server has the file open succeeds and the server serves the imported customers.
    @Test func cliWritesWhileTheServerHasTheFileOpen() async throws {
        try await withTemporaryDirectoryAsync { directory in
            let database = directory.appendingPathComponent("shared.sqlite").path
            let (server, base, token) = try await startServer(database: database)
            defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
            let csv = directory.appendingPathComponent("walk-ins.csv")
            try Data("name,phone\n张三,13700000001\n李四,13700000002\n".utf8).write(to: csv)
            // MUT: the CLI imports while the server is up (and creates a customer of its own meanwhile).
            async let served = Self.create(base: base, token: token, name: "王五", phone: "13700000003")
            let imported = try cli.run(["import", "customers", csv.path, "--format", "json", "--database", database])
            // validate
            #expect(imported.status == 0, "\(imported.stderr)")
            #expect(imported.stdout.contains(#""imported":2"#))
            #expect(try await served != nil)
            var request = URLRequest(url: base.appendingPathComponent("customers"))
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            let (data, _) = try await URLSession.shared.data(for: request)
            let items = try #require(
                (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["items"] as? [[String: Any]])
            #expect(Set(items.compactMap { $0["name"] as? String }) == ["张三", "李四", "王五"])
        }
    }

    /// SIGTERM stops `kefu serve` gracefully: it exits 0 after the server and then the database
    /// pools have stopped, and a closed SQLite database has folded its write-ahead log back in.
    @Test(arguments: [SIGTERM, SIGINT])
    func aStopSignalShutsTheServerAndTheDatabaseDownInOrder(signal: Int32) async throws {
        try await withTemporaryDirectoryAsync { directory in
            let database = directory.appendingPathComponent("graceful.sqlite").path
            let (server, base, token) = try await startServer(database: database)
            defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
            let id = try #require(try await Self.create(base: base, token: token, name: "王小明", phone: "13800138000"))
            // MUT
            kill(server.processIdentifier, signal)
            server.waitUntilExit()
            // validate
            #expect(server.terminationReason == .exit && server.terminationStatus == 0)
            #expect(!FileManager.default.fileExists(atPath: database + "-wal"), "the last connection was closed")
            let reopened = try KefuDatabase(location: .sqlite(path: database))
            #expect(try await CustomerRepository(reopened).get(UUID(uuidString: id)!).profile.name == "王小明")
            await reopened.shutdown()
        }
    }

    /// Runs eight workers, each making up to `writes` writes in turn until one is not acknowledged (`write`
    /// answers nil), and SIGKILLs the server 1.5 s in; returns the ids of every acknowledged write.
    static func killMidStream(
        _ server: Process, writes: Int, _ write: @escaping @Sendable (_ worker: Int, _ index: Int) async -> String?
    ) async -> [String] {
        await withTaskGroup(of: [String].self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var ids: [String] = []
                    for index in 0..<writes {
                        guard let id = await write(worker, index) else { break }
                        ids.append(id)
                    }
                    return ids
                }
            }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(1500))
                kill(server.processIdentifier, SIGKILL)
                return []
            }
            var all: [String] = []
            for await ids in group { all += ids }
            return all
        }
    }

    /// Adds an agent, starts `kefu serve` and logs in.
    func startServer(database: String) async throws -> (server: Process, base: URL, token: String) {
        try cli.addUser("ops@example.com", name: "Ops", role: "agent", database: database)
        let server = try await KefuServe.start(cli, database: database)
        do {
            return (server.process, server.api, try await server.login("ops@example.com"))
        } catch {
            server.stop(SIGKILL)
            throw error
        }
    }

    static func create(base: URL, token: String, name: String, phone: String) async throws -> String? {
        var request = URLRequest(url: base.appendingPathComponent("customers"))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.httpBody = try JSONSerialization.data(withJSONObject: ["name": name, "phones": [phone]])
        let (data, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 201 else { return nil }
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["id"] as? String
    }
}

func withTemporaryDirectoryAsync(_ body: (URL) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-cli-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try await body(directory)
}
