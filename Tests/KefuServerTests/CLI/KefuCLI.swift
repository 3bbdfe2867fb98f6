import Foundation
import KefuStore
import KefuTestSupport
import SQLKit
import Testing

/// Runs the built `kefu` executable as a user would, for tests of the command-line contract
/// (exit codes, one-line errors, JSON output).
struct KefuCLI {
    let executable: URL

    /// The `kefu` next to the test bundle (`swift build --build-tests` builds both), or nil.
    static let built: KefuCLI? = {
        var directory = URL(fileURLWithPath: #filePath)
        while directory.path != "/" {
            directory.deleteLastPathComponent()
            let candidate = directory.appendingPathComponent(".build/debug/kefu")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return KefuCLI(executable: candidate) }
        }
        print("note: .build/debug/kefu not found; CLI tests skipped (run `swift build --build-tests` first).")
        return nil
    }()

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String

        /// The failure contract of the calc commands: exit 1, nothing on stdout, one line on stderr that starts
        /// `kefu: ` and contains `message`.
        func failed(with message: String) -> Bool {
            status == 1 && stdout.isEmpty && stderr.split(separator: "\n").count == 1 && stderr.hasPrefix("kefu: ")
                && stderr.contains(message)
        }
    }

    /// Runs `kefu arguments…` with `input` on standard input.
    func run(_ arguments: [String], input: String = "", environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "KEFU_DATABASE_URL")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try ProcessLaunch.run(process)
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }
}

/// A temporary directory removed after `body`.
func withTemporaryDirectory(_ body: (URL) throws -> Void) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-cli-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try body(directory)
}

/// The rows of one query, read with a connection of its own (to look at what a `kefu` process wrote).
func rows(in location: DatabaseLocation, _ sql: String) async throws -> [any SQLRow] {
    let database = try KefuDatabase(location: location, poolSize: 1)
    do {
        let rows = try await (database.db as! any SQLDatabase).raw("\(unsafeRaw: sql)").all()
        await database.shutdown()
        return rows
    } catch {
        await database.shutdown()
        throw error
    }
}
