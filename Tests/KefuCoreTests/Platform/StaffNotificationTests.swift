import Foundation
import KefuCore
import Testing

@Suite struct StaffNotificationTests {
    func notification(_ kind: String, _ params: [String: String], readAt: Date? = nil) -> StaffNotification {
        StaffNotification(
            id: UUID(), userID: UUID(), kind: kind,
            subject: .init(type: "ticket", id: UUID(), link: "/tickets/x"), params: params,
            createdAt: Date(timeIntervalSince1970: 1_800_000_000), readAt: readAt)
    }

    @Test func theTextKeyIsTheKindRefinedByItsOutcome() {
        #expect(notification("ticket.assigned", ["number": "T-000001"]).textKey == "notification.ticket.assigned")
        #expect(
            notification("remedy.decided", [StaffNotification.outcome: "declined"]).textKey
                == "notification.remedy.decided.declined")
    }

    @Test func jsonHasEveryKeyAndAnUnreadOneHasANullReadAt() throws {
        let unread = notification("ticket.transferred", ["by": "王经理"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: try JSONEncoder().encode(unread)) as? [String: Any])
        #expect(
            Set(object.keys) == ["id", "kind", "subject_type", "subject_id", "link", "params", "created_at", "read_at"])
        #expect(object["read_at"] is NSNull)
        #expect(object["subject_type"] as? String == "ticket" && object["link"] as? String == "/tickets/x")
        #expect((object["params"] as? [String: String])?["by"] == "王经理")
    }
}
