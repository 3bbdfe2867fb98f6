/// Hands a rendered message to a mail server (the SMTP client implements it; tests record). Kefu's job queue
/// calls it and retries a `.temporary` failure with its backoff.
public protocol MailTransport: Sendable {
    func deliver(_ message: [UInt8], from envelopeFrom: String, to recipients: [String]) async throws
}

/// Why a delivery failed: `temporary` (a 4xx reply, a connection that failed) is worth another attempt;
/// `permanent` (a 5xx reply: no such mailbox, refused) is not, and is shown on the message.
public enum MailDeliveryError: Error, Sendable, Equatable {
    case temporary(String)
    case permanent(String)
}
