/// Where an outgoing mail stands: waiting in the job queue (also between retries), handed to the mail server,
/// or given up (the reason is kept on the message).
public enum MailStatus: String, Codable, Sendable, CaseIterable {
    case queued
    case sent
    case failed
}
