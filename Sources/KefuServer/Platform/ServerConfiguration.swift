public import Foundation
public import KefuCore
public import KefuStore

/// How the server runs; built from CLI options (which fall back to environment and defaults).
public struct ServerConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    /// The URL people use to reach Kefu; `https` makes session cookies `Secure`.
    public var publicURL: String?
    public var tokenLifetime: TimeInterval = 24 * 3600
    public var sessionLifetime: TimeInterval = 12 * 3600
    /// bcrypt work factor; tests lower it, production keeps 12.
    public var bcryptCost: UInt8 = 12
    /// Wrong passwords checked per (account, address) pair in 15 minutes.
    public var loginMaxFailures: Int = 10
    /// Failed logins per client address, over all accounts, in 15 minutes.
    public var loginMaxFailuresPerAddress: Int = 100
    /// Reverse proxies (IP addresses) whose `X-Forwarded-For` names the client. With none,
    /// `/metrics` is open to loopback; with any, loopback is just another caller.
    public var trustedProxies: [String] = []
    /// A token that opens `/metrics` (from `--metrics-token-file`), besides an admin's.
    public var metricsToken: String?
    /// Where files kept outside the database go (uploaded imports waiting for their commit) when the
    /// database is PostgreSQL; a SQLite database keeps them in a folder next to its file.
    public var dataDirectory = "./kefu-data"
    /// Where mail replies go out from when the customer's mail named no mailbox (`--mail-from`).
    public var mailFrom: String?
    /// The SMTP client outgoing mail is handed to; with none, outgoing mail fails with "no SMTP server configured".
    public var mailTransport: (any MailTransport)?

    public init() {}

    /// How the job worker sends mail.
    public var mailDelivery: MailOutbox.Delivery { MailOutbox.Delivery(transport: mailTransport, mailFrom: mailFrom) }

    var secureCookies: Bool { publicURL?.lowercased().hasPrefix("https://") ?? false }

    /// True for an IPv4 or IPv6 address, as `--trusted-proxy` takes.
    public static func isIPAddress(_ text: String) -> Bool { ClientAddressMiddleware.canonical(text) != nil }

    var loginLimits: LoginThrottle.Limits {
        var limits = LoginThrottle.Limits()
        limits.pairLimit = loginMaxFailures
        limits.addressLimit = loginMaxFailuresPerAddress
        return limits
    }
}
