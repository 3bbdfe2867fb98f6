import ArgumentParser
import Foundation
import KefuCore
import KefuStore

/// `kefu mail ingest`: one RFC 5322 message on standard input, as an MTA hands mail to a program (Postfix
/// `pipe`, Exim, `.forward`). The exit code is what the MTA acts on: 0 stored (the ticket number on stdout),
/// a duplicate (its ticket's number) or loop/noise mail (the reason on stderr); 1 refused for good; 75
/// (`EX_TEMPFAIL`) when it cannot be stored now, so the MTA keeps the message and retries.
struct MailIngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "Store one mail message read from standard input.",
        discussion: "Exit 0: stored, a duplicate or ignored noise; 1: refused; 75: try again later. "
            + "See README.md › Email.")

    /// sysexits.h's EX_TEMPFAIL: every MTA retries a delivery that ends with it.
    static let temporaryFailure: Int32 = 75

    @Option(help: ArgumentHelp("The mailbox's ingest name (see /admin/mailboxes).", valueName: "name"))
    var mailbox: String?
    @Option(
        name: .customLong("mail-from"),
        help: ArgumentHelp(
            "The mailbox's own address (default: the --mailbox's address, else the message's Delivered-To).",
            valueName: "address"))
    var mailFrom: String?
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let raw = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        let database: KefuDatabase
        do {
            database = try await options.open()
        } catch {
            throw CLIFailure("\(error); the message was not stored", exitCode: Self.temporaryFailure)
        }
        let outcome: MailIngestOutcome
        do {
            outcome = try await MailIngest(database).ingest(
                raw: raw, mailbox: mailbox, mailFrom: mailFrom, now: Date())
            await database.shutdown()
        } catch {
            await database.shutdown()
            throw CLIFailure("\(error); the message was not stored", exitCode: Self.temporaryFailure)
        }
        switch outcome {
        case .stored(let number), .duplicate(let number):
            print(number.description)
        case .ignored(let reason):
            FileHandle.standardError.write(Data("kefu: \(reason.description)\n".utf8))
        case .held:
            throw CLIFailure(
                "held: too much mail from this sender within a minute; try again later",
                exitCode: Self.temporaryFailure)
        case .refused(let reason):
            throw CLIFailure("refused: \(reason)")
        }
    }
}
