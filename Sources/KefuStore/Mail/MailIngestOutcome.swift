public import KefuCore

/// What became of one incoming message, which `kefu mail ingest` turns into its exit code (issue 16 §1).
public enum MailIngestOutcome: Sendable, Equatable {
    /// Stored on this ticket (a new one, or the one it joined).
    case stored(TicketNumber)
    /// Its `Message-ID` was stored before, on this ticket: nothing was stored again.
    case duplicate(TicketNumber)
    /// Loop or noise mail: not stored, opens and joins nothing, never answered.
    case ignored(MailNoise)
    /// The sender went over the per-minute allowance: nothing stored; the MTA should retry later.
    case held
    /// Refused for good: too large, or not a mail message.
    case refused(String)
}
