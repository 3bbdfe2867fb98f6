import Foundation
import Hummingbird
import KefuCore
import KefuStore
import Mustache

/// `/notifications` (any staff role): the caller's notifications, newest first, 50 a page, unread ones marked;
/// each is marked read with POST `/notifications/{id}/read`, all with POST `/notifications/read-all`.
struct NotificationsPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "notifications", show)
        web.post(router, "notifications/read-all", readAll)
        web.post(router, "notifications/:id/read", read)
    }

    struct ListView {
        var rows: [Row]
        var empty: Bool
        var anyUnread: Bool
        var nextURL: String?
        var firstURL: String?
    }

    struct Row {
        var text: String
        var when: String
        var link: String
        var unread: Bool
        var readURL: String
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let user = try context.require(.agent)
        let cursor = try request.queryCursor(web.database.cursors)
        let page = try await web.repositories.notifications.list(for: user.id, cursor: cursor)
        let settings = try await web.repositories.settings.get()
        let ui = web.views.ui(request, context)
        let time = ui.formatter(timeZone: settings.timeZone)
        let rows = page.items.map { notification in
            Row(
                text: NotificationText.of(notification, strings: ui.strings, timeZone: settings.timeZone),
                when: time.string(from: notification.createdAt),
                link: notification.subject.link, unread: notification.readAt == nil,
                readURL: "/notifications/\(notification.id.uuidString)/read")
        }
        let model = ListView(
            rows: rows, empty: rows.isEmpty, anyUnread: context.unreadNotifications > 0,
            nextURL: page.nextCursor.map { "/notifications?cursor=" + web.database.cursors.token(for: $0) },
            firstURL: cursor == nil ? nil : "/notifications")
        return ui.render("notifications", title: ui.t("notifications.title"), model: model, flash: ui.flash(request))
    }

    @Sendable func read(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let user = try context.require(.agent)
        _ = try await WebForm.posted(request, context: context)
        _ = try await web.repositories.notifications.markRead(
            try context.parameters.uuid("id"), for: user.id, now: context.clock.now())
        return WebRoutes.redirect("/notifications")
    }

    @Sendable func readAll(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let user = try context.require(.agent)
        _ = try await WebForm.posted(request, context: context)
        _ = try await web.repositories.notifications.markAllRead(for: user.id, now: context.clock.now())
        return WebRoutes.redirect("/notifications", flash: "notifications_read")
    }
}

// Read by name, not through `Mirror` (see `WebUI.Page`).

extension NotificationsPage.ListView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "rows": rows
        case "empty": empty
        case "anyUnread": anyUnread
        case "nextURL": nextURL
        case "firstURL": firstURL
        default: nil
        }
    }
}

extension NotificationsPage.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "when": when
        case "link": link
        case "unread": unread
        case "readURL": readURL
        default: nil
        }
    }
}
