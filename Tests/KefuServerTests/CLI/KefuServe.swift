import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import KefuTestSupport

/// A `kefu serve` child process on a loopback port, for what only real processes show: a stop signal, a
/// server killed with SIGKILL, several servers (and their job workers) on one database.
struct KefuServe {
    let process: Process
    /// `http://127.0.0.1:PORT/api/v1`.
    let api: URL

    static let password = "a long secret phrase"

    struct Exited: Error {}

    /// Starts `kefu serve` on `database` (a SQLite path or a `postgres://` URL, migrated already, so servers
    /// started side by side do not race to migrate it) and waits until it answers `/healthz`. Ports come from
    /// below Linux's ephemeral range (32768–60999), where the tests' own client connections take theirs; a
    /// server that still cannot bind exits, and another port is tried. `arguments` go to `kefu serve` as well.
    static func start(_ cli: KefuCLI, database: String, arguments: [String] = []) async throws -> KefuServe {
        for _ in 0..<5 {
            let port = Int.random(in: 20_000..<32_768)
            let process = Process()
            process.executableURL = cli.executable
            process.arguments = ["serve", "--port", "\(port)", "--database", database] + arguments
            var environment = ProcessInfo.processInfo.environment
            environment.removeValue(forKey: "KEFU_DATABASE_URL")
            process.environment = environment
            // KEFU_TEST_SERVE_LOG_DIR keeps each server's output (serve-PORT.log) for a failing test's reader.
            let log = environment["KEFU_TEST_SERVE_LOG_DIR"].flatMap { directory -> FileHandle? in
                let path = "\(directory)/serve-\(port).log"
                FileManager.default.createFile(atPath: path, contents: nil)
                return FileHandle(forWritingAtPath: path)
            }
            process.standardOutput = log ?? FileHandle.nullDevice
            process.standardError = log ?? FileHandle.nullDevice
            try ProcessLaunch.run(process)
            let server = KefuServe(process: process, api: URL(string: "http://127.0.0.1:\(port)/api/v1")!)
            do {
                try await server.waitUntilReady()
                return server
            } catch is Exited {
                continue
            } catch {
                server.stop(SIGKILL)
                throw error
            }
        }
        throw Exited()
    }

    var isRunning: Bool { process.isRunning }

    /// Sends `signal` (unless the process ended already) and waits for the process to end.
    func stop(_ signal: Int32 = SIGTERM) {
        if process.isRunning { kill(process.processIdentifier, signal) }
        process.waitUntilExit()
    }

    /// Up to 30 s: a debug server starts slowly on a loaded machine.
    private func waitUntilReady() async throws {
        let health = api.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("healthz")
        for _ in 0..<300 {
            guard process.isRunning else { throw Exited() }
            if let (_, response) = try? await URLSession.shared.data(from: health),
                (response as? HTTPURLResponse)?.statusCode == 200
            {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw CancellationError()
    }

    /// A bearer token for `email` (whose password is `KefuServe.password`).
    func login(_ email: String) async throws -> String {
        let (status, body) = try await call(
            "POST", "auth/token", json: ["email": email, "password": Self.password])
        guard status == 201, let token = (body as? [String: Any])?["token"] as? String else {
            throw Exited()
        }
        return token
    }

    /// `method path` under `/api/v1` with `json` as the body; the status and the decoded JSON answer (nil if none).
    func call(_ method: String, _ path: String, token: String? = nil, json: Any? = nil) async throws
        -> (status: Int, body: Any?)
    {
        var request = URLRequest(url: api.appendingPathComponent(path))
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, try? JSONSerialization.jsonObject(with: data))
    }
}

extension KefuCLI {
    /// `kefu user add` with `KefuServe.password` (this also creates and migrates the database).
    func addUser(_ email: String, name: String, role: String, database: String) throws {
        let added = try run(
            [
                "user", "add", "--email", email, "--name", name, "--role", role, "--password-stdin", "--database",
                database,
            ],
            input: KefuServe.password + "\n")
        guard added.status == 0 else { throw UserNotAdded(stderr: added.stderr) }
    }

    struct UserNotAdded: Error { var stderr: String }
}
