import Foundation
import HTTPTypes
import Hummingbird
import KefuCore
import KefuStore

/// `/queue/simulator?branch=&from=&to=&counters=&aging_minutes=` (managers and up, issue 14 §7): the branch's
/// recorded tickets of a period (the last 7 days by default) replayed through `fifo`, `priority` and `aged` side by
/// side with as many counters as asked (the branch's counters by default), and the same three simulated on rates
/// fitted to the period, so a manager sees what another policy or another counter would have done. It only reads;
/// a malformed field is a 422 with the form and its message.
struct QueueSimulatorPage {
    let web: WebRoutes

    /// How many days the period covers unless `from` is given.
    static let defaultDays = 7

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "queue/simulator", show)
    }

    /// The form's values, checked.
    struct Inputs {
        var branchID: UUID?
        var period: ReportFilter
        var counters: Int?
        var agingMinutes: Double?
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let ui = web.views.ui(request, context)
        let form = WebForm.query(request)
        let settings = try await web.repositories.settings.get()
        let today = CalendarDay(context.clock.now(), in: TimeZone(identifier: settings.timeZone) ?? .gmt)
        let inputs: Inputs
        do {
            inputs = try Self.inputs(form, today: today)
        } catch {
            let model = try await QueueSimulatorView.form(
                form: form, branchID: nil,
                messages: FieldMessages(error.errors, ui: ui, inputs: QueueSimulatorView.inputs),
                repositories: web.repositories, ui: ui)
            return ui.render(
                "queue_simulator", title: ui.t("queue_simulator.title"), model: model, status: .unprocessableContent)
        }
        let model = try await QueueSimulatorView.build(
            inputs: inputs, form: form, repositories: web.repositories, ui: ui)
        return ui.render("queue_simulator", title: ui.t("queue_simulator.title"), model: model)
    }

    static func inputs(_ form: WebForm, today: CalendarDay) throws(ValidationFailure) -> Inputs {
        let to = form["to"].flatMap(CalendarDay.init(dateOnly:)) ?? today
        var errors: [FieldError] = []
        var period = ReportFilter(from: to.adding(days: 1 - defaultDays), to: to)
        do {
            period = try ReportFilter.parse(
                from: form["from"] ?? period.from.description, to: form["to"], branchID: form["branch"], teamID: nil,
                today: today)
        } catch {
            errors += error.errors.map { error in
                var error = error
                if error.field == "branch_id" {
                    error.field = "branch"
                    error.code = "unknown_branch"
                }
                return error
            }
        }
        let counters = form["counters"].map(Int.init)
        if let counters, !(1...100).contains(counters ?? 0) {
            errors.append(FieldError(field: "counters", code: "out_of_range", message: "Give 1 to 100 counters."))
        }
        let aging = form["aging_minutes"].map(Double.init)
        if let aging, !((aging ?? 0) > 0 && (aging ?? 0) <= 1440) {
            errors.append(FieldError(field: "aging_minutes", code: "out_of_range", message: "Give minutes above 0."))
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return Inputs(branchID: period.branchID, period: period, counters: counters ?? nil, agingMinutes: aging ?? nil)
    }
}
