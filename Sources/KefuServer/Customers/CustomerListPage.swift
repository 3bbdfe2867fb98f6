import Foundation
import Hummingbird
import KefuCore
import KefuStore
import Mustache

/// `/customers`: search, filters, sort, keyset pages and the number of matches. The filters are a
/// GET form, so every list state is a link.
struct CustomerListPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "customers", list)
    }

    struct ListView {
        var q: String
        var tag: String
        var tiers: [Option]
        var stages: [Option]
        var branches: [Option]
        var sorts: [Option]
        var totalText: String
        var rows: [Row]
        var empty: Bool
        var nextURL: String?
        var firstURL: String?
        var canExport: Bool
    }

    struct Row {
        var url: String
        var id: String
        var name: String
        var kind: String
        var tier: String
        var stage: String
        var phones: String
        var tags: [String]
        var branch: String
        var updated: String
    }

    /// The most matches the list counts exactly; beyond it the page says "more than".
    static let countCap = 1_000

    @Sendable func list(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let query = try CustomerQuery(request, cursors: web.database.cursors)
        let repository = web.repositories.customers
        // Counting stops past the cap: an exact count of a common term or a whole tier reads every
        // matching row (0.5–1 s at 1,000,000 customers), the page itself a few.
        let (page, total) = try await repository.listAndCount(query, countUpTo: Self.countCap + 1)
        let settings = try await web.repositories.settings.get()
        let branches = try await web.repositories.branches.list()
        let branchNames = Dictionary(uniqueKeysWithValues: branches.map { ($0.id, $0.profile.name) })
        let ui = web.views.ui(request, context)
        let time = ui.formatter(timeZone: settings.timeZone)
        let filters: [(String, String?)] = [
            ("q", query.text), ("tier", query.tier), ("tag", query.tag), ("stage", query.stage?.rawValue),
            ("branch_id", query.branchID?.uuidString), ("sort", request.query("sort")?.trimmedOrNil),
        ]
        let base = "/customers?" + WebForm.queryString(filters)
        let rows = page.items.map { customer in
            let profile = customer.profile
            return Row(
                url: "/customers/\(customer.id.uuidString)", id: customer.id.uuidString, name: profile.name,
                kind: ui.t("kind." + profile.kind.rawValue), tier: profile.tier ?? "",
                stage: ui.t("stage." + profile.stage.rawValue), phones: profile.phones.joined(separator: ", "),
                tags: profile.tags, branch: profile.branchID.flatMap { branchNames[$0] } ?? "",
                updated: time.string(from: customer.updatedAt))
        }
        let model = ListView(
            q: query.text ?? "", tag: query.tag ?? "",
            tiers: ui.options(settings.tiers, selected: query.tier, label: { $0 }, blank: ui.t("filter.any_tier")),
            stages: ui.options(
                LifecycleStage.allCases.map(\.rawValue), selected: query.stage?.rawValue,
                label: { ui.t("stage." + $0) },
                blank: ui.t("filter.any_stage")),
            branches: [Option(value: "", label: ui.t("filter.any_branch"), selected: query.branchID == nil)]
                + branches.map {
                    Option(value: $0.id.uuidString, label: $0.profile.name, selected: $0.id == query.branchID)
                },
            sorts: CustomerQuery.Sort.allCases.map {
                Option(value: $0.rawValue, label: ui.t("sort." + $0.rawValue), selected: $0 == query.sort)
            },
            totalText: Self.countText(total, ui: ui), rows: rows, empty: rows.isEmpty,
            nextURL: page.nextCursor.map { base + "&cursor=" + web.database.cursors.token(for: $0) },
            firstURL: query.cursor == nil ? nil : base, canExport: ui.can(.manager))
        return ui.render("customers", title: ui.t("customers.title"), model: model, flash: ui.flash(request))
    }

    private static func countText(_ total: Int, ui: WebUI) -> String {
        total > countCap
            ? ui.t("customers.count_more", ["count": grouped(countCap)])
            : ui.t("customers.count", ["count": grouped(total)])
    }

    /// `1,000`: digits in threes, as both languages write counts.
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number.magnitude))
        let groups = stride(from: digits.count, to: 0, by: -3).reversed().map { end in
            String(digits[max(0, end - 3)..<end])
        }
        return (number < 0 ? "-" : "") + groups.joined(separator: ",")
    }
}

// Read by name, not through `Mirror` (see `WebUI.Page`).

extension CustomerListPage.ListView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "q": q
        case "tag": tag
        case "tiers": tiers
        case "stages": stages
        case "branches": branches
        case "sorts": sorts
        case "totalText": totalText
        case "rows": rows
        case "empty": empty
        case "nextURL": nextURL
        case "firstURL": firstURL
        case "canExport": canExport
        default: nil
        }
    }
}

extension CustomerListPage.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "url": url
        case "id": id
        case "name": self.name
        case "kind": kind
        case "tier": tier
        case "stage": stage
        case "phones": phones
        case "tags": tags
        case "branch": branch
        case "updated": updated
        default: nil
        }
    }
}
