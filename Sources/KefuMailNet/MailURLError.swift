/// Why a mail server URL was refused, so `kefu serve` can say so in one line at start-up.
public enum MailURLError: Error, Sendable, Equatable, CustomStringConvertible {
    case notAURL
    case unsupportedScheme(String)
    case badHost(String)
    case badPort(String)
    case badPercentEncoding(String)
    /// An SMTP URL was given where an IMAP one was expected, or the other way round.
    case wrongService(String)
    /// An IMAP URL without a user or a password.
    case missingCredentials

    public var description: String {
        switch self {
        case .notAURL: "not a URL (scheme://host expected)"
        case .unsupportedScheme(let scheme): "unsupported scheme \(scheme) (use smtp, smtps, imap or imaps)"
        case .badHost(let host): "bad host: \(host)"
        case .badPort(let port): "bad port: \(port)"
        case .badPercentEncoding(let text): "bad percent-encoding in \(text)"
        case .wrongService(let scheme): "this needs a \(scheme) URL"
        case .missingCredentials: "the URL needs a user and a password (imaps://user:password@host/INBOX)"
        }
    }
}
