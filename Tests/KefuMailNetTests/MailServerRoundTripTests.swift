import Foundation
import Testing

@testable import KefuMailNet

/// Against the real Postfix and Dovecot of scripts/test.sh: mail sent over SMTP arrives byte for byte
/// and is read back over IMAP.
@Suite struct MailServerRoundTripTests {
    @Test func sendsOverSTARTTLSAndReadsBackOverIMAPWithSTARTTLS() async throws {
        guard let servers = TestMailServers.fromEnvironment() else { return }
        // setup
        let token = "kefu-\(UUID().uuidString)"
        let message = TestMailServers.message(token: token, to: "customer@example.test")
        // MUT
        try await SMTPClient(url: servers.smtp, tls: servers.tls)
            .send(message, from: "support@example.test", to: ["customer@example.test"])
        // validate: Postfix only adds trace fields at the top; the message itself is unchanged.
        let imap = try IMAPClient(url: servers.imap, tls: servers.tls)
        let found = try #require(try await TestMailServers.awaitMessage(token: token, client: imap))
        #expect(found.bytes.count > message.count)
        #expect(Array(found.bytes.suffix(message.count)) == message)
        #expect(found.bytes.contains("Delivered-To: customer@example.test"))
        // A FETCH of BODY.PEEK[] leaves the message unseen.
        let unseen = try await imap.withSession { try await $0.unseenUIDs() }
        #expect(unseen.contains(found.uid))
        try await imap.withSession { try await $0.markSeen(uid: found.uid) }
        #expect(try await !imap.withSession { try await $0.unseenUIDs() }.contains(found.uid))
    }

    @Test func sendsOverSMTPSAndReadsBackOverIMAPS() async throws {
        guard let servers = TestMailServers.fromEnvironment() else { return }
        let smtps = try #require(servers.smtps)
        let imaps = try #require(servers.imaps)
        let token = "kefu-\(UUID().uuidString)"
        let message = TestMailServers.message(token: token, to: "customer@example.test")
        try await SMTPClient(url: smtps, tls: servers.tls)
            .send(message, from: "support@example.test", to: ["customer@example.test"])
        let imap = try IMAPClient(url: imaps, tls: servers.tls)
        let found = try #require(try await TestMailServers.awaitMessage(token: token, client: imap))
        #expect(Array(found.bytes.suffix(message.count)) == message)
    }

    @Test func refusesAServerCertificateFromAnUnknownCA() async throws {
        guard let servers = TestMailServers.fromEnvironment() else { return }
        let smtps = try #require(servers.smtps)
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(url: smtps).send([], from: "support@example.test", to: ["customer@example.test"])
        }
        #expect(error?.isPermanent == false)
        #expect(error?.description.contains("TLS") == true)
    }

    @Test func aRejectedRecipientIsAPermanentFailure() async throws {
        guard let servers = TestMailServers.fromEnvironment() else { return }
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(url: servers.smtp, tls: servers.tls)
                .send(Array("Subject: x\r\n\r\nx\r\n".utf8), from: "support@example.test", to: ["nobody@example.test"])
        }
        #expect(error?.isPermanent == true)
        #expect(error?.code == 550)
        #expect(error?.description.contains("nobody@example.test") == true)
    }

    @Test func aWrongIMAPPasswordIsRefused() async throws {
        guard let servers = TestMailServers.fromEnvironment() else { return }
        var url = servers.imap
        // Not quotable: LOGIN sends it as a literal, after the server's `+`.
        url.password = "not-the-密码"
        let error = await #expect(throws: IMAPError.self) {
            try await IMAPClient(url: url, tls: servers.tls).withSession { try await $0.unseenUIDs() }
        }
        #expect(error?.kind == .refused)
        #expect(error?.description.contains("not-the") == false)
    }
}
