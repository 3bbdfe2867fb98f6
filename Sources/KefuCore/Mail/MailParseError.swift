/// Why raw bytes were refused as a mail message; `kefu mail ingest` exits 1 on these (the MTA bounces
/// the message rather than retrying it).
public enum MailParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No bytes, or only white space.
    case empty
    /// The first line is not a header field: not an RFC 5322 message.
    case notAMessage
    /// No `From` (nor `Sender`) with an address: nobody to open a ticket for or to answer.
    case noSender

    /// Stable code for logs and tests.
    public var code: String {
        switch self {
        case .empty: "empty"
        case .notAMessage: "not_a_message"
        case .noSender: "no_sender"
        }
    }

    public var description: String {
        switch self {
        case .empty: "The message is empty."
        case .notAMessage: "The input is not an RFC 5322 message (it does not start with header fields)."
        case .noSender: "The message has no From address."
        }
    }
}
