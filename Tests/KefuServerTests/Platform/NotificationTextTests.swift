import Foundation
import KefuCore
@testable import KefuServer
import Testing

/// A notification's sentence reads its due time as local time in the business time zone, as pages do.
@Suite("NotificationText")
struct NotificationTextTests {
    @Test func anSLADueTimeReadsInTheBusinessTimeZone() {
        let strings = StringTable(entries: ["notification.sla.warning": "{number}: due at {due_at}"])
        let notification = StaffNotification(
            id: UUID(), userID: UUID(), kind: "sla.warning",
            subject: .init(type: "ticket", id: UUID(), link: "/tickets/x"),
            params: ["number": "T-000001", "due_at": "2026-02-01T20:30:00Z"], createdAt: Date())
        #expect(
            NotificationText.of(notification, strings: strings, timeZone: "Asia/Shanghai")
                == "T-000001: due at 2026-02-02 04:30")
        #expect(
            NotificationText.of(notification, strings: strings, timeZone: "Europe/Berlin")
                == "T-000001: due at 2026-02-01 21:30")
    }
}
