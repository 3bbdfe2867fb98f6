public import Foundation

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
    public var loginMaxFailures: Int = 10
    /// Where files kept outside the database go (uploaded imports waiting for their commit) when the
    /// database is PostgreSQL; a SQLite database keeps them in a folder next to its file.
    public var dataDirectory = "./kefu-data"

    public init() {}

    var secureCookies: Bool { publicURL?.lowercased().hasPrefix("https://") ?? false }
}
