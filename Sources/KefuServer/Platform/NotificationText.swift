import Foundation
import KefuCore

/// A notification's sentence in one language. The transfers the system makes itself carry a code
/// for their reason (`agent_away`) rather than words, so that code is read in the language too; a due time
/// (stored as RFC 3339 UTC) reads as local time in the business time zone, as on every page.
enum NotificationText {
    static func of(_ notification: StaffNotification, strings: StringTable, timeZone: String) -> String {
        var params = notification.params
        if let reason = params["reason"] { params["reason"] = TransferReasonText.of(reason, strings: strings) }
        if let metric = params["metric"] { params["metric"] = strings("sla.metric." + metric) }
        if let due = params["due_at"].flatMap(RFC3339.date) {
            params["due_at"] = LocalTime.string(due, timeZone: timeZone).replacingOccurrences(of: "T", with: " ")
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
