import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// Cross-sell (issue 15 §4): `GET /api/v1/reports/cross-sell` (managers and admins) lists the stored association
/// rules as a report — JSON or CSV (see `ReportDTO`), its period the year of purchases they were mined from;
/// `POST /api/v1/reports/cross-sell/recompute` mines them again now and answers `{"rules", "computed_at"}`; and
/// `GET /api/v1/customers/{id}/suggestions` (agents and up) answers what to suggest to one customer.
struct CrossSellRoutes {
    let crossSell: CrossSell
    let settings: SettingsRepository
    let views: WebViews

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.get("reports/cross-sell", use: report)
        group.post("reports/cross-sell/recompute", use: recompute)
        group.get("customers/:id/suggestions", use: suggestions)
    }

    @Sendable func report(_ request: Request, context: KefuRequestContext) async throws -> ReportDTO {
        try context.require(.manager)
        let format = try ReportDTO.Format(request)
        let business = try await settings.get()
        let stored = try await crossSell.rules()
        let ui = views.ui(request, context)
        return ReportDTO(
            report: CrossSellReport.report(stored.rules, names: stored.names),
            filter: CrossSell.period(endingAt: stored.computedAt ?? context.clock.now(), in: business.zone),
            timeZone: business.timeZone, format: format, text: ReportText(ui: ui, timeZone: business.timeZone),
            title: ui.t("report.title.cross-sell"))
    }

    @Sendable func recompute(_ request: Request, context: KefuRequestContext) async throws -> EncodedDTO {
        try context.require(.manager)
        let now = context.clock.now()
        let computed = try await crossSell.recompute(now: now)
        return EncodedDTO(RecomputedDTO(rules: computed.rules.count, computed_at: RFC3339.utc(now)))
    }

    @Sendable func suggestions(_ request: Request, context: KefuRequestContext) async throws -> EncodedDTO {
        try context.require(.agent)
        let found = try await crossSell.suggestions(forCustomer: try context.parameters.uuid("id"))
        return EncodedDTO(SuggestionsDTO(found))
    }
}
