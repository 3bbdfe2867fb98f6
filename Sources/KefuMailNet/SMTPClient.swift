import Foundation
import NIOSSL

/// Sends one message per connection to an SMTP server (RFC 5321), for the reply jobs of the email
/// channel. `smtp://` upgrades with STARTTLS when the server offers it and stays plain when it does
/// not; `smtps://` is TLS from the start. Credentials in the URL are sent (AUTH PLAIN, else LOGIN)
/// only over TLS — or in plain text when the server offers no TLS and the host is loopback, the
/// case of a local MTA.
public struct SMTPClient: Sendable {
    public let url: MailServerURL
    public var tls: MailTLS
    /// The name given in EHLO/HELO; nil uses the domain of the envelope sender.
    public var clientName: String?
    public var connectTimeout: Duration
    /// How long to wait for each reply (RFC 5321 §4.5.3.2 suggests minutes; 2 is plenty for a relay).
    public var replyTimeout: Duration
    /// The AUTH mechanisms to use, in order of preference, the first the server offers wins: PLAIN (one round
    /// trip), else LOGIN for servers that offer only that. Tests narrow it to check LOGIN against a server that
    /// offers both.
    var authMechanisms: [SMTPAuthMechanism] = SMTPAuthMechanism.allCases

    public init(
        url: MailServerURL,
        tls: MailTLS = MailTLS(),
        clientName: String? = nil,
        connectTimeout: Duration = .seconds(30),
        replyTimeout: Duration = .seconds(120)
    ) throws(MailURLError) {
        guard url.service == .smtp else { throw .wrongService("smtp or smtps") }
        self.url = url
        self.tls = tls
        self.clientName = clientName
        self.connectTimeout = connectTimeout
        self.replyTimeout = replyTimeout
    }

    /// Sends `message` (raw RFC 5322 bytes, LF or CRLF line ends) from the envelope sender `from`
    /// to every address in `to`. Returns when the server accepted the message for delivery.
    public func send(_ message: [UInt8], from: String, to recipients: [String]) async throws(SMTPError) {
        guard !recipients.isEmpty else { throw SMTPError(.permanent, "no recipients") }
        // An address is written inside `<…>` on a command line: a line break or bracket in it could
        // smuggle in a command of its own.
        for address in [from] + recipients
        where address.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "<" || $0 == ">" || $0 == "\u{7F}" }) {
            throw SMTPError(.permanent, "not a mailbox address: \(address.debugDescription)")
        }
        let context: NIOSSLContext
        do {
            context = try tls.makeContext()
        } catch {
            throw SMTPError(.permanent, "cannot set up TLS: \(error)")
        }
        do {
            try await MailConnection.withConnection(
                host: url.host, port: url.port, implicitTLS: url.security == .implicitTLS ? context : nil,
                connectTimeout: connectTimeout, replyTimeout: replyTimeout
            ) { connection in
                let session = SMTPSession(connection: connection)
                try await session.transact(
                    message, from: from, to: recipients, client: self, context: context)
            }
        } catch let error as SMTPError {
            throw error
        } catch {
            throw SMTPError(.temporary, "\(url.host):\(url.port): \(error)")
        }
    }
}

/// The commands of one SMTP connection, in order.
private struct SMTPSession {
    let connection: MailConnection

    func transact(
        _ message: [UInt8], from: String, to recipients: [String], client: SMTPClient, context: NIOSSLContext
    ) async throws {
        let url = client.url
        try expect(await read(), "greeting", 220)
        let name = client.clientName ?? from.split(separator: "@").last.map(String.init) ?? "localhost"
        var extensions = try await hello(name)
        var overTLS = url.security == .implicitTLS
        let tlsOffered = extensions.keys.contains("STARTTLS")
        if !overTLS && tlsOffered {
            try expect(await command("STARTTLS"), "STARTTLS", 220)
            try await connection.startTLS(context, host: url.host)
            overTLS = true
            extensions = try await hello(name)
        }
        if let user = url.user {
            guard url.allowsCredentials(overTLS: overTLS, tlsOffered: tlsOffered) else {
                throw SMTPError(
                    .permanent, "\(url.host) offers no TLS and is not loopback: refusing to send the password in clear")
            }
            let offered = extensions["AUTH"] ?? []
            guard let mechanism = client.authMechanisms.first(where: { offered.contains($0.rawValue) }) else {
                throw SMTPError(
                    .permanent, "the server offers neither AUTH PLAIN nor AUTH LOGIN (offers: \(offered))")
            }
            try await authenticate(user: user, password: url.password ?? "", with: mechanism)
        }
        var mailFrom = "MAIL FROM:<\(from)>"
        if message.contains(where: { $0 >= 0x80 }) && extensions.keys.contains("8BITMIME") {
            mailFrom += " BODY=8BITMIME"
        }
        if (from + recipients.joined()).utf8.contains(where: { $0 >= 0x80 }) && extensions.keys.contains("SMTPUTF8") {
            mailFrom += " SMTPUTF8"
        }
        try expect(await command(mailFrom), "MAIL FROM:<\(from)>", 250)
        for recipient in recipients {
            try expect(await command("RCPT TO:<\(recipient)>"), "RCPT TO:<\(recipient)>", 250, 251)
        }
        try expect(await command("DATA"), "DATA", 354)
        try await connection.write(SMTPData.encode(message))
        try expect(await read(), "end of DATA", 250)
        // The message is accepted: a failed QUIT changes nothing.
        _ = try? await command("QUIT")
    }

    /// EHLO, or HELO when the server does not know EHLO; returns the extensions by keyword with
    /// their parameters (upper-cased).
    private func hello(_ name: String) async throws -> [String: [String]] {
        let reply = try await command("EHLO \(name)")
        if reply.code == 250 {
            var extensions: [String: [String]] = [:]
            for line in reply.lines.dropFirst() {
                let words = line.uppercased().split(separator: " ").map(String.init)
                if let keyword = words.first { extensions[keyword] = Array(words.dropFirst()) }
            }
            return extensions
        }
        try expect(await command("HELO \(name)"), "HELO", 250)
        return [:]
    }

    private func authenticate(user: String, password: String, with mechanism: SMTPAuthMechanism) async throws {
        switch mechanism {
        case .plain:
            let token = base64([0] + Array(user.utf8) + [0] + Array(password.utf8))
            try expect(await command("AUTH PLAIN \(token)"), "AUTH PLAIN", 235)
        case .login:
            try expect(await command("AUTH LOGIN"), "AUTH LOGIN", 334)
            try expect(await command(base64(Array(user.utf8))), "AUTH LOGIN user", 334)
            try expect(await command(base64(Array(password.utf8))), "AUTH LOGIN password", 235)
        }
    }

    private func command(_ line: String) async throws -> SMTPReply {
        try await connection.write(Array((line + "\r\n").utf8))
        return try await read()
    }

    private func read() async throws -> SMTPReply {
        try await connection.read { bytes throws(SMTPError) in try SMTPReply.parse(&bytes) }
    }

    private func expect(_ reply: SMTPReply, _ step: String, _ codes: Int...) throws {
        guard codes.contains(reply.code) else { throw SMTPError(reply: reply, after: step) }
    }

    private func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
}

/// The SASL mechanisms the client can authenticate with (RFC 4616 PLAIN; LOGIN, which older servers offer alone).
enum SMTPAuthMechanism: String, CaseIterable, Sendable {
    case plain = "PLAIN"
    case login = "LOGIN"
}
