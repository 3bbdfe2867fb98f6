import Foundation
import Hummingbird
import KefuCore

/// A notification as the API writes it: its keys plus `text`, rendered in the caller's language.
struct NotificationDTO: ResponseEncodable, Sendable {
    var notification: StaffNotification
    var text: String

    init(_ notification: StaffNotification, strings: StringTable, timeZone: String) {
        self.notification = notification
        text = NotificationText.of(notification, strings: strings, timeZone: timeZone)
    }

    func encode(to encoder: any Encoder) throws {
        try notification.encode(to: encoder)
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        try c.encode(text, forKey: AnyCodingKey("text"))
    }
}

/// `GET /api/v1/me/notifications`: a list page plus the caller's `unread_count`.
struct NotificationListDTO: ResponseEncodable, Sendable {
    var list: ListDTO<NotificationDTO>
    var unreadCount: Int

    func encode(to encoder: any Encoder) throws {
        try list.encode(to: encoder)
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        try c.encode(unreadCount, forKey: AnyCodingKey("unread_count"))
    }
}
