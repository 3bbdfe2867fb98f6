import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/reports/cross-sell` (managers and admins): the stored cross-sell rules (issue 15 §4) as a table with a CSV
/// link, when they were computed and from which period, and a button that posts to
/// `/reports/cross-sell/recompute` to mine them again now.
struct CrossSellPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "reports/cross-sell", show)
        web.post(router, "reports/cross-sell/recompute", recompute)
    }

    struct PageView {
        /// When the rules were computed and the period they come from; nil before the first computation.
        var computed: String?
        var report: ReportView
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let business = try await web.repositories.settings.get()
        let stored = try await web.repositories.crossSell.rules()
        let ui = web.views.ui(request, context)
        let computed = stored.computedAt.map { at in
            let period = CrossSell.period(endingAt: at, in: business.zone)
            return ui.t(
                "cross_sell.computed",
                [
                    "at": ui.formatter(timeZone: business.timeZone).string(from: at),
                    "from": period.from.description, "to": period.to.description,
                ])
        }
        let report = ReportView(
            CrossSellReport.report(stored.rules, names: stored.names), title: ui.t("report.title.cross-sell"),
            text: ReportText(ui: ui, timeZone: business.timeZone), csvURL: "/api/v1/reports/cross-sell?format=csv")
        return ui.render(
            "cross_sell", title: ui.t("cross_sell.heading"), model: PageView(computed: computed, report: report),
            flash: ui.flash(request))
    }

    @Sendable func recompute(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        _ = try await WebForm.posted(request, context: context)
        _ = try await web.repositories.crossSell.recompute(now: context.clock.now())
        return WebRoutes.redirect("/reports/cross-sell", flash: "cross_sell_recomputed")
    }
}
