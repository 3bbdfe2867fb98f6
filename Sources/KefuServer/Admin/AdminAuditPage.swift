import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/admin/audit` (admin): the audit log, newest first, 50 a page, filtered by entity type.
struct AdminAuditPage {
    let web: WebRoutes

    static let entityTypes = ["customer", "contact", "note", "branch", "settings", "user"]

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "admin/audit", show)
    }

    struct AuditView {
        var types: [Option]
        var rows: [Row]
        var empty: Bool
        var nextURL: String?
        var firstURL: String?
    }

    struct Row {
        var when: String
        var actor: String
        var action: String
        var entityType: String
        var entityID: String
        var entityURL: String?
        var changes: [Change]
        var requestID: String
    }

    struct Change {
        var field: String
        var before: String
        var after: String
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        let query = WebForm.query(request)
        let type = query["entity_type"]
        let cursor = try request.queryCursor(web.database.cursors)
        let page = try await AuditLog.list(in: web.database, entityType: type, limit: 50, cursor: cursor)
        let settings = try await web.repositories.settings.get()
        let ui = web.views.ui(request, context)
        let time = ui.formatter(timeZone: settings.timeZone)
        let rows = page.items.map { entry in
            Row(
                when: time.string(from: entry.occurredAt), actor: entry.actorEmail ?? "—", action: entry.action,
                entityType: ui.t("entity." + entry.entityType), entityID: entry.entityID ?? "",
                entityURL: entry.entityType == "customer" ? entry.entityID.map { "/customers/\($0)" } : nil,
                changes: entry.changes.sorted { $0.key < $1.key }.map {
                    Change(field: $0.key, before: $0.value.before ?? "∅", after: $0.value.after ?? "∅")
                },
                requestID: entry.requestID ?? "")
        }
        let base = "/admin/audit?" + WebForm.queryString([("entity_type", type)])
        let model = AuditView(
            types: ui.options(
                Self.entityTypes, selected: type, label: { ui.t("entity." + $0) },
                blank: ui.t("audit.all_types")),
            rows: rows, empty: rows.isEmpty,
            nextURL: page.nextCursor.map { base + "&cursor=" + web.database.cursors.token(for: $0) },
            firstURL: cursor == nil ? nil : base)
        return ui.render("admin_audit", title: ui.t("audit.title"), model: model)
    }
}
