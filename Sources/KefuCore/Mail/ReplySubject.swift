/// The subject of Kefu's outgoing reply: exactly `Re: <ticket subject> [T-000123]` (issue 16 §2).
///
/// The ticket subject is often the customer's own reply subject, and the number is already in it
/// once Kefu has answered, so neither is stacked: reply prefixes at the start of the ticket subject
/// (`Re:`, `RE:`, `Re[2]:`, `Re：` with a full-width colon, repeated) are dropped before the one `Re: `
/// is added, and a `[T-…]` tag of this ticket is dropped wherever it stands before the number is
/// added at the end. Other prefixes (`Fwd:`, `回复：`) are part of the customer's subject and stay.
public enum ReplySubject {
    public static func make(ticketSubject: String, number: TicketNumber) -> String {
        var core = Substring(ticketSubject.trimmingWhitespace())
        while let rest = withoutReplyPrefix(core) { core = rest }
        let tag = "[\(number)]"
        var text = String(core)
        while let range = text.range(of: tag, options: .caseInsensitive) { text.replaceSubrange(range, with: " ") }
        let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return words.isEmpty ? "Re: \(tag)" : "Re: \(words) \(tag)"
    }

    private static func withoutReplyPrefix(_ subject: Substring) -> Substring? {
        guard subject.count >= 3, subject.prefix(2).lowercased() == "re" else { return nil }
        var rest = subject.dropFirst(2)
        if rest.first == "[" || rest.first == "(" {
            guard let close = rest.firstIndex(where: { $0 == "]" || $0 == ")" }),
                rest[rest.index(after: rest.startIndex)..<close].allSatisfy(\.isNumber)
            else { return nil }
            rest = rest[rest.index(after: close)...]
        }
        guard let colon = rest.first, colon == ":" || colon == "：" else { return nil }
        return rest.dropFirst().drop(while: \.isWhitespace)
    }
}
