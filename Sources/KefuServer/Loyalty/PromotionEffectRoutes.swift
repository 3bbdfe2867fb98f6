import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `GET /api/v1/reports/promotions` (managers and admins): the promotion effectiveness report (issue 15 §4) for a
/// period of purchases (`from`, `to`, the last 30 days by default) — JSON or CSV (see `ReportDTO`).
struct PromotionEffectRoutes {
    let effects: PromotionEffects
    let settings: SettingsRepository
    let views: WebViews

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.get("reports/promotions", use: report)
    }

    @Sendable func report(_ request: Request, context: KefuRequestContext) async throws -> ReportDTO {
        try context.require(.manager)
        let format = try ReportDTO.Format(request)
        let timeZone = try await settings.get().timeZone
        let filter = try ReportFilter(request, timeZone: timeZone, now: context.clock.now())
        let ui = views.ui(request, context)
        return ReportDTO(
            report: try await effects.report(filter: filter), filter: filter, timeZone: timeZone, format: format,
            text: ReportText(ui: ui, timeZone: timeZone), title: ui.t("report.title.promotions"))
    }
}
