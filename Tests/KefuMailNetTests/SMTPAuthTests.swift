import Foundation
import Testing

@testable import KefuMailNet

/// AUTH against the CI's Postfix, which checks the passwords through Dovecot: after STARTTLS, and in
/// plain text on a loopback port that offers no TLS (the local-MTA case).
@Suite struct SMTPAuthTests {
    @Test func authenticatesAfterSTARTTLS() async throws {
        guard let servers = TestMailServers.fromEnvironment() else { return }
        let url = try #require(servers.smtpAuth)
        try await Self.sendAndReadBack(url: url, servers: servers)
    }

    @Test func authenticatesWithoutTLSOnlyToALoopbackServerThatOffersNone() async throws {
        guard let servers = TestMailServers.fromEnvironment() else { return }
        let url = try #require(servers.smtpPlainAuth)
        try await Self.sendAndReadBack(url: url, servers: servers)
    }

    /// Dovecot offers PLAIN and LOGIN; the client prefers PLAIN, so LOGIN is forced here, for the servers that
    /// offer only LOGIN.
    @Test func authenticatesWithLOGIN() async throws {
        guard let servers = TestMailServers.fromEnvironment() else { return }
        let url = try #require(servers.smtpAuth)
        try await Self.sendAndReadBack(url: url, servers: servers, mechanisms: [.login])
    }

    @Test func aWrongPasswordOverLOGINIsAPermanentFailure() async throws {
        guard let servers = TestMailServers.fromEnvironment() else { return }
        var url = try #require(servers.smtpAuth)
        url.password = "not-the-password"
        var client = try SMTPClient(url: url, tls: servers.tls)
        client.authMechanisms = [.login]
        let error = await #expect(throws: SMTPError.self) {
            try await client.send(
                Array("Subject: x\r\n\r\nx\r\n".utf8), from: "support@example.test", to: ["customer@example.test"])
        }
        #expect(error?.isPermanent == true)
        #expect(error?.description.hasPrefix("AUTH LOGIN password → 535") == true)
    }

    @Test func aServerThatWantsAuthRefusesAnonymousMailPermanently() async throws {
        guard let servers = TestMailServers.fromEnvironment() else { return }
        var url = try #require(servers.smtpPlainAuth)
        url.user = nil
        url.password = nil
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(url: url, tls: servers.tls)
                .send(
                    Array("Subject: x\r\n\r\nx\r\n".utf8), from: "support@example.test", to: ["customer@example.test"])
        }
        #expect(error?.isPermanent == true)
    }

    @Test func aWrongSMTPPasswordIsAPermanentFailure() async throws {
        guard let servers = TestMailServers.fromEnvironment() else { return }
        var url = try #require(servers.smtpAuth)
        url.password = "not-the-password"
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(url: url, tls: servers.tls)
                .send(
                    Array("Subject: x\r\n\r\nx\r\n".utf8), from: "support@example.test", to: ["customer@example.test"])
        }
        #expect(error?.isPermanent == true)
        #expect(error?.description.hasPrefix("AUTH PLAIN → 535") == true)
    }

    private static func sendAndReadBack(
        url: MailServerURL, servers: TestMailServers, mechanisms: [SMTPAuthMechanism] = SMTPAuthMechanism.allCases
    ) async throws {
        let token = "kefu-\(UUID().uuidString)"
        let message = TestMailServers.message(token: token, to: "customer@example.test")
        var client = try SMTPClient(url: url, tls: servers.tls)
        client.authMechanisms = mechanisms
        try await client.send(message, from: "support@example.test", to: ["customer@example.test"])
        let imap = try IMAPClient(url: servers.imap, tls: servers.tls)
        let found = try #require(try await TestMailServers.awaitMessage(token: token, client: imap))
        #expect(Array(found.bytes.suffix(message.count)) == message)
    }
}
