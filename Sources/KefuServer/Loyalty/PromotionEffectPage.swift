import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/reports/promotions` (managers and admins): the promotion effectiveness report (issue 15 §4) for a chosen
/// period, as a table with a CSV link. A malformed period shows the default one with what was wrong.
struct PromotionEffectPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "reports/promotions", show)
    }

    struct PageView {
        var form: ReportFilterForm
        var report: ReportView
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let timeZone = try await web.repositories.settings.get().timeZone
        let ui = web.views.ui(request, context)
        var form = try await ReportFilterForm.read(
            request, context: context, web: web, action: "/reports/promotions", check: { _ in })
        form.periodOnly = true
        let report = ReportView(
            try await web.repositories.promotionEffects.report(filter: form.filter),
            title: ui.t("report.title.promotions"), text: ReportText(ui: ui, timeZone: timeZone),
            csvURL: form.filter.csvURL("promotions"))
        return ui.render(
            "promotion_effects", title: ui.t("promotion_effect.heading"), model: PageView(form: form, report: report),
            status: form.hasErrors ? .badRequest : .ok)
    }
}
