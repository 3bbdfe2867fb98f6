import NIOSSL

/// Opens IMAP sessions (RFC 3501) on the mailbox a URL names, for the email channel of businesses
/// without their own MTA. `imap://` upgrades with STARTTLS when the server offers it; `imaps://`
/// is TLS from the start. The password goes out (LOGIN) only over TLS — or in plain text when the
/// server offers no TLS and the host is loopback, as for SMTP.
public struct IMAPClient: Sendable {
    public let url: MailServerURL
    public var tls: MailTLS
    public var connectTimeout: Duration
    /// How long to wait for each server response (a FETCH of a large message included).
    public var replyTimeout: Duration

    /// Needs an `imap://` or `imaps://` URL with a user and a password.
    public init(
        url: MailServerURL,
        tls: MailTLS = MailTLS(),
        connectTimeout: Duration = .seconds(30),
        replyTimeout: Duration = .seconds(120)
    ) throws(MailURLError) {
        guard url.service == .imap else { throw .wrongService("imap or imaps") }
        guard url.user != nil, url.password != nil else { throw .missingCredentials }
        self.url = url
        self.tls = tls
        self.connectTimeout = connectTimeout
        self.replyTimeout = replyTimeout
    }

    /// Connects, logs in, selects the URL's mailbox, runs `body` and logs out. Connection and
    /// protocol failures throw `IMAPError`; what `body` throws passes through unchanged.
    public func withSession<Result: Sendable>(_ body: (IMAPSession) async throws -> Result) async throws -> Result {
        let context: NIOSSLContext
        do {
            context = try tls.makeContext()
        } catch {
            throw IMAPError(.configuration, "cannot set up TLS: \(error)")
        }
        do {
            return try await MailConnection.withConnection(
                host: url.host, port: url.port, implicitTLS: url.security == .implicitTLS ? context : nil,
                connectTimeout: connectTimeout, replyTimeout: replyTimeout
            ) { connection in
                let session = IMAPSession(connection: connection)
                try await session.open(url: url, context: context)
                let result = try await body(session)
                _ = try? await session.run(IMAPCommand("LOGOUT"))
                return result
            }
        } catch let error as MailConnectionError {
            throw IMAPError(.connection, "\(url.host):\(url.port): \(error)")
        }
    }
}
