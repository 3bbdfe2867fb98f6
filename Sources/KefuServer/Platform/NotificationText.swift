import KefuCore

/// A notification's sentence in one language. The transfers the system makes itself carry a code
/// for their reason (`agent_away`) rather than words, so that code is read in the language too.
enum NotificationText {
    static func of(_ notification: StaffNotification, strings: StringTable) -> String {
        var params = notification.params
        if let reason = params["reason"] { params["reason"] = TransferReasonText.of(reason, strings: strings) }
        if let metric = params["metric"] { params["metric"] = strings("sla.metric." + metric) }
        if let due = params["due_at"] {
            params["due_at"] = due.replacingOccurrences(of: "T", with: " ").replacingOccurrences(
                of: ":00Z", with: " UTC")
        }
        return strings(notification.textKey, params)
    }
}

/// A transfer's reason as people read it: their own words as written, a system code in words.
enum TransferReasonText {
    static func of(_ reason: String, strings: StringTable) -> String {
        reason == TicketOwnership.awayReason ? strings("ticket.transfer_reason." + reason) : reason
    }
}
