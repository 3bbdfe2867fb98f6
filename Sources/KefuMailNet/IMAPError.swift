/// Why an IMAP session failed, so the poller can log one clear line and try again later.
public struct IMAPError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The connection failed, timed out or broke.
        case connection
        /// The server answered a command with NO or BAD.
        case refused
        /// The server said something this client cannot read.
        case protocolError
        /// The URL or the server's offer rules the session out (no credentials, no TLS for them).
        case configuration
    }

    public var kind: Kind
    public var description: String

    init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
