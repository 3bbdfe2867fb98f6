/// The pure half of threading an incoming message (issue 16 §1); the store does the lookups.
///
/// Order of the rules: a message joins a ticket when one of `referencedMessageIDs` is a stored
/// message of it; else when its subject carries a ticket number and the sender is that ticket's
/// customer; else it opens a new ticket.
public enum MailThreading {
    /// The ids to look up, most direct first: `In-Reply-To`, then `References` from the newest
    /// (last) to the oldest, without repeats.
    public static func referencedMessageIDs(_ message: MailMessage) -> [String] {
        var seen: Set<String> = []
        return (message.inReplyTo + message.references.reversed()).filter { seen.insert($0).inserted }
    }

    /// The ticket number in a subject, written `[T-000123]` (any case, blanks inside the brackets
    /// tolerated); the first valid one.
    public static func ticketNumber(inSubject subject: String) -> TicketNumber? {
        var rest = Substring(subject)
        while let open = rest.firstIndex(of: "[") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "]") else { return nil }
            if let number = TicketNumber(parsing: String(after[..<close])) { return number }
            rest = after
        }
        return nil
    }
}
