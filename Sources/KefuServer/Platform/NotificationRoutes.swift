import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/api/v1/me/notifications…`: the caller's own notifications (any staff role), newest first, and
/// marking them read.
struct NotificationRoutes {
    let database: KefuDatabase
    let notifications: NotificationRepository
    let settings: SettingsRepository
    let views: WebViews

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.get("me/notifications", use: list)
        group.post("me/notifications/read-all", use: readAll)
        group.post("me/notifications/:id/read", use: read)
    }

    struct Marked: ResponseEncodable {
        var marked: Int
    }

    /// `unread=true` lists only the unread ones.
    @Sendable func list(_ request: Request, context: KefuRequestContext) async throws -> NotificationListDTO {
        let user = try context.require(.agent)
        let fields = request.queryFields
        let page = try await notifications.list(
            for: user.id, unreadOnly: try fields.bool("unread") ?? false, limit: try fields.limit(),
            cursor: try fields.cursor(database.cursors))
        let strings = views.strings(for: request)
        let zone = try await settings.get().timeZone
        return NotificationListDTO(
            list: ListDTO(page, cursors: database.cursors) { NotificationDTO($0, strings: strings, timeZone: zone) },
            unreadCount: try await notifications.unreadCount(for: user.id))
    }

    @Sendable func read(_ request: Request, context: KefuRequestContext) async throws -> NotificationDTO {
        let user = try context.require(.agent)
        let notification = try await notifications.markRead(
            try context.parameters.uuid("id"), for: user.id, now: context.clock.now())
        return NotificationDTO(
            notification, strings: views.strings(for: request), timeZone: try await settings.get().timeZone)
    }

    @Sendable func readAll(_ request: Request, context: KefuRequestContext) async throws -> Marked {
        let user = try context.require(.agent)
        return Marked(marked: try await notifications.markAllRead(for: user.id, now: context.clock.now()))
    }
}
