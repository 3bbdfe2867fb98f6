/// Why an incoming message is loop or noise mail (issue 16 §1): never stored, never opens or joins a
/// ticket, never answered. Answering an auto-reply or a bounce is how two robots mail each other
/// forever.
public enum MailNoise: Sendable, Equatable, CustomStringConvertible {
    /// `Auto-Submitted` other than `no` (RFC 3834), or the `X-Autoreply`/`X-Autorespond` fields older
    /// responders set instead; carries the field's value.
    case autoSubmitted(String)
    /// `Precedence: bulk`, `junk` or `list`: mass mail and mailing lists.
    case precedence(String)
    /// A delivery report: `multipart/report` (RFC 3464), or mail from the null sender
    /// (`Return-Path: <>`) or from `MAILER-DAEMON`.
    case bounce
    /// Sent from the mailbox's own address: Kefu's own mail coming back.
    case ownAddress(String)

    /// One line for stderr.
    public var description: String {
        switch self {
        case .autoSubmitted(let value): "ignored: automatic message (Auto-Submitted: \(value))"
        case .precedence(let value): "ignored: bulk or list mail (Precedence: \(value))"
        case .bounce: "ignored: delivery report (bounce)"
        case .ownAddress(let address): "ignored: sent from the mailbox's own address \(address)"
        }
    }

    /// The reason `message` is noise, or nil for mail a person sent; `mailbox` is the mailbox's own
    /// address (any case), when known.
    public static func classify(_ message: MailMessage, mailbox: String?) -> MailNoise? {
        let headers = message.headers
        if let value = headers["Auto-Submitted"], firstWord(value) != "no" { return .autoSubmitted(value) }
        for field in ["X-Autoreply", "X-Autorespond"] {
            if let value = headers[field], !["no", "false", "0"].contains(firstWord(value)) {
                return .autoSubmitted(value)
            }
        }
        if let value = headers["Precedence"], ["bulk", "junk", "list"].contains(firstWord(value)) {
            return .precedence(value)
        }
        if message.contentType == "multipart/report" || headers["Return-Path"]?.filter({ !$0.isWhitespace }) == "<>"
            || message.from.address.hasPrefix("mailer-daemon@")
        {
            return .bounce
        }
        if let mailbox, message.from.address == mailbox.trimmingWhitespace().lowercased() {
            return .ownAddress(message.from.address)
        }
        return nil
    }

    private static func firstWord(_ value: String) -> String {
        value.split(whereSeparator: { $0 == ";" || $0.isWhitespace }).first.map { $0.lowercased() } ?? ""
    }
}
