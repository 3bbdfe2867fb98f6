import Foundation
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

/// `kefu mail ingest` as an MTA runs it (issue 16 §4), on both databases: every exit code of the contract, and
/// what each prints.
@Suite("kefu mail ingest", .enabled(if: KefuCLI.built != nil))
struct MailIngestCLITests {
    let cli = KefuCLI.built!

    /// The `--database` argument that opens `database` from another process.
    static func argument(_ database: KefuDatabase) throws -> String {
        switch database.location {
        case .sqlite(let path): return path
        case .postgres(let url): return url
        case .sqliteInMemory: throw CancellationError()
        }
    }

    func ingest(_ raw: [UInt8], _ arguments: [String]) throws -> KefuCLI.Outcome {
        try cli.run(["mail", "ingest"] + arguments, input: String(decoding: raw, as: UTF8.self))
    }

    @Test(arguments: Engine.available)
    func storedAndDuplicateMailPrintTheTicketNumber(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let target = ["--database", try Self.argument(database), "--mail-from", "support@shop.test"]
            let stored = try ingest(MailSample.message(), target)
            #expect(stored.status == 0 && stored.stdout == "T-000001\n" && stored.stderr.isEmpty, "\(stored.stderr)")
            let again = try ingest(MailSample.message(), target)
            #expect(again.status == 0 && again.stdout == "T-000001\n", "\(again.stderr)")
            let messages = try await TicketRepository(database).list(TicketQuery()).items
            #expect(messages.count == 1)
        }
    }

    @Test(arguments: Engine.available)
    func noiseExitsZeroWithTheReasonOnStderrOnly(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let target = ["--database", try Self.argument(database), "--mail-from", "support@shop.test"]
            let noise = try ingest(MailSample.message(headers: ["Precedence: bulk"]), target)
            #expect(noise.status == 0 && noise.stdout.isEmpty)
            #expect(noise.stderr == "kefu: ignored: bulk or list mail (Precedence: bulk)\n")
        }
    }

    @Test(arguments: Engine.available)
    func refusedMailExitsOne(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let refused = try ingest(Array("no headers here".utf8), ["--database", try Self.argument(database)])
            #expect(refused.failed(with: "refused: not a mail message"), "\(refused.stderr)")
        }
    }

    @Test(arguments: Engine.available)
    func heldMailAndAnUnknownMailboxExit75(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let settings = SettingsRepository(database)
            var rules = try await settings.get()
            rules.serviceDesk.mailPerSenderPerMinute = 1
            _ = try await settings.update(rules, by: .system("test", now: Date()))
            let target = ["--database", try Self.argument(database), "--mail-from", "support@shop.test"]
            #expect(try ingest(MailSample.message(messageID: "<a@x.test>"), target).status == 0)
            let held = try ingest(MailSample.message(messageID: "<b@x.test>"), target)
            #expect(held.status == 75 && held.stdout.isEmpty && held.stderr.contains("held"), "\(held.stderr)")
            let unknown = try ingest(MailSample.message(messageID: "<c@x.test>"), target + ["--mailbox", "nobody"])
            #expect(unknown.status == 75 && unknown.stderr.contains("no mailbox is named nobody"), "\(unknown.stderr)")
        }
    }

    @Test func anUnreachableDatabaseExits75() throws {
        let closed = try ingest(MailSample.message(), ["--database", "postgres://postgres@127.0.0.1:1/kefu"])
        #expect(closed.status == 75 && closed.stdout.isEmpty, "\(closed.stderr)")
        // The connection pool logs its failed attempt too; kefu's own line says what happened to the message.
        #expect(closed.stderr.split(separator: "\n").last?.hasPrefix("kefu: cannot open database") == true)
        #expect(closed.stderr.contains("the message was not stored"))
    }
}
