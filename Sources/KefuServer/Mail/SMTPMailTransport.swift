public import KefuCore
public import KefuMailNet

/// Outgoing mail over SMTP (`kefu serve --smtp-url`): the jobs queue's `MailTransport` on the network client, so
/// the outbox learns which failures to retry (4xx, connection, TLS, timeouts) and which end the message (5xx).
public struct SMTPMailTransport: MailTransport {
    public let client: SMTPClient

    public init(client: SMTPClient) { self.client = client }

    public func deliver(_ message: [UInt8], from envelopeFrom: String, to recipients: [String]) async throws {
        do {
            try await client.send(message, from: envelopeFrom, to: recipients)
        } catch {
            throw error.isPermanent ? MailDeliveryError.permanent(error.description) : .temporary(error.description)
        }
    }
}
