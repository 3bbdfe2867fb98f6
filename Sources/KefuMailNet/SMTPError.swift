/// Why a message was not sent, split the way a retrying sender needs it: a temporary failure (4xx,
/// a connection that failed or timed out) is worth another try later, a permanent one (5xx) is not.
public struct SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Whether trying again later can help.
    public enum Kind: Sendable, Equatable {
        case temporary
        case permanent
    }

    public var kind: Kind
    /// The SMTP reply code, when the server gave one.
    public var code: Int?
    /// What failed, with the server's own text when it gave one.
    public var description: String

    public var isPermanent: Bool { kind == .permanent }

    init(_ kind: Kind, _ description: String, code: Int? = nil) {
        self.kind = kind
        self.code = code
        self.description = description
    }

    /// The error for an unexpected reply to `step` (`RCPT TO:<a@b>`, `DATA`…).
    init(reply: SMTPReply, after step: String) {
        self.init(
            reply.isPermanentFailure ? .permanent : .temporary, "\(step) → \(reply.code) \(reply.text)",
            code: reply.code)
    }
}
