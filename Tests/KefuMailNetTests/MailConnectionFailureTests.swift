import NIOCore
import NIOPosix
import Testing

@testable import KefuMailNet

/// Failures below the protocol are temporary: a port nobody listens on, and a server that accepts and
/// never answers (the reply timeout is the check here, kept short).
@Suite struct MailConnectionFailureTests {
    @Test func aClosedPortIsATemporaryFailure() async throws {
        let port = try await Self.withListener { $0 }
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(url: MailServerURL("smtp://127.0.0.1:\(port)"))
                .send([], from: "a@example.test", to: ["b@example.test"])
        }
        #expect(error?.isPermanent == false)
        #expect(error?.description.contains("cannot connect") == true)
    }

    @Test func refusesAddressesThatCouldAddACommand() async throws {
        let client = try SMTPClient(url: MailServerURL("smtp://127.0.0.1:1"))
        let error = await #expect(throws: SMTPError.self) {
            try await client.send([], from: "a@example.test", to: ["b@example.test>\r\nRCPT TO:<c@example.test"])
        }
        #expect(error?.isPermanent == true)
        #expect(error?.description.hasPrefix("not a mailbox address") == true)
    }

    @Test func aSilentServerTimesOut() async throws {
        try await Self.withListener { port in
            let client = try SMTPClient(
                url: MailServerURL("smtp://127.0.0.1:\(port)"), replyTimeout: .milliseconds(300))
            let error = await #expect(throws: SMTPError.self) {
                try await client.send([], from: "a@example.test", to: ["b@example.test"])
            }
            #expect(error?.isPermanent == false)
            #expect(error?.description.contains("no answer") == true)

            let imap = try IMAPClient(
                url: MailServerURL("imap://u:p@127.0.0.1:\(port)"), replyTimeout: .milliseconds(300))
            let imapError = await #expect(throws: IMAPError.self) { try await imap.withSession { _ in } }
            #expect(imapError?.kind == .connection)
        }
    }

    /// Runs `body` with the port of a listener that accepts connections and never writes; the
    /// listener is closed afterwards, so its port is free (nothing listens on it) once this returns.
    private static func withListener<Result: Sendable>(
        _ body: (Int) async throws -> Result
    ) async throws -> Result {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        do {
            let result = try await body(server.localAddress?.port ?? 0)
            try await server.close()
            return result
        } catch {
            try? await server.close()
            throw error
        }
    }
}
