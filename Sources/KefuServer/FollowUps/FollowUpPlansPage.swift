import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/follow-up-plans` (manager+): the plan editor. Each plan shows its trigger and steps in words with an edit
/// form (POST `/follow-up-plans/{id}`), and a form adds one (POST `/follow-up-plans`). A trigger's own inputs
/// (minimum total, SKU prefix, tier and days, date field and days before) are read only for the kind chosen;
/// a step row without an offset is left out, so a plan gains a step by filling the empty row. Plans are
/// deactivated, never deleted: their tasks keep naming them.
struct FollowUpPlansPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "follow-up-plans", show)
        web.post(router, "follow-up-plans") { try await save($0, $1, id: nil) }
        web.post(router, "follow-up-plans/:id") { try await save($0, $1, id: try $1.parameters.uuid("id")) }
    }

    struct PageView {
        var plans: [Card]
        var empty: Bool
        var newPlan: PlanForm
    }

    struct Card {
        var name: String
        var active: Bool
        var trigger: String
        var team: String?
        var steps: [String]
        var form: PlanForm
    }

    struct PlanForm {
        var action: String
        var prefix: String
        var open: Bool
        var errors: [String]
        var name: String
        var kinds: [Option]
        var minTotal, skuPrefix, everyDays, daysBefore: String
        var tiers, fields, teams: [Option]
        var active: Bool
        var steps: [StepRow]
    }

    struct StepRow {
        var index: Int
        var offset: String
        var channels: [Option]
        var zh: String
        var en: String
    }

    /// The step rows a form shows: the plan's steps and one empty row (three for a new plan).
    static func rowCount(steps: Int) -> Int { min(FollowUpPlanDraft.maxSteps, max(steps + 1, 3)) }

    private typealias Failure = (id: UUID?, form: WebForm, errors: [String])

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        return try await render(request, context, failed: nil)
    }

    private func save(_ request: Request, _ context: KefuRequestContext, id: UUID?) async throws -> Response {
        try context.require(.manager)
        let form = try await WebForm.posted(request, context: context)
        let settings = try await web.repositories.settings.get()
        let plans = web.repositories.followUpPlans
        do {
            let draft = try Self.draft(form, currency: settings.currency)
            if let id {
                _ = try await plans.update(id, to: draft, by: context.attribution())
            } else {
                _ = try await plans.create(draft, by: context.attribution())
            }
            return WebRoutes.redirect("/follow-up-plans", flash: "follow_up_plan_saved")
        } catch {
            guard let (errors, _) = AdminUsersPage.formErrors(error) else { throw error }
            let ui = web.views.ui(request, context)
            return try await render(request, context, failed: (id, form, Self.messages(errors, ui: ui)))
        }
    }

    /// Each error as "field: message", the message in the page's language where one is written for its code:
    /// the plan's form lists them above its inputs, so each names what it is about.
    static func messages(_ errors: [FieldError], ui: WebUI) -> [String] {
        errors.map { error in
            let message = ui.strings.has("error." + error.code) ? ui.t("error." + error.code) : error.message
            return "\(error.field): \(message)"
        }
    }

    /// The plan as posted. A number box that is not a whole number (or a total that is not an amount) is an
    /// error naming the plan's JSON field, as the API's validation names them.
    static func draft(_ form: WebForm, currency: String) throws -> FollowUpPlanDraft {
        var unreadable: [FieldError] = []
        func whole(_ name: String, field: String) -> Int? {
            guard let text = form[name] else { return nil }
            guard let value = Int(text) else {
                unreadable.append(FieldError(field: field, code: "not_whole_number", message: "Enter a whole number."))
                return nil
            }
            return value
        }
        let kind = form["trigger_kind"].flatMap(FollowUpTriggerKind.init(rawValue:))
        if kind == nil {
            unreadable.append(
                FieldError(field: "trigger.kind", code: "invalid", message: "Choose what starts the plan."))
        }
        var trigger = FollowUpTrigger(kind: kind ?? .purchase)
        switch kind {
        case .purchase:
            if let text = form["min_total"] {
                trigger.minTotal = MinorUnits.parse(text, exponent: MinorUnits.exponent(of: currency))
                if trigger.minTotal == nil {
                    unreadable.append(
                        FieldError(
                            field: "trigger.min_total", code: "invalid", message: "Enter an amount such as 100.00."))
                }
            }
            trigger.skuPrefix = form["sku_prefix"]
        case .periodic:
            trigger.tier = form["tier"]
            trigger.everyDays = whole("every_days", field: "trigger.every_days")
        case .anniversary:
            trigger.field = form["field"]
            trigger.daysBefore = whole("days_before", field: "trigger.days_before")
        default: break
        }
        var steps: [FollowUpStep] = []
        for index in 0..<FollowUpPlanDraft.maxSteps where form["step_offset_\(index)"] != nil {
            let channel = form["step_channel_\(index)"].flatMap(FollowUpChannel.init(rawValue:)) ?? .phone
            steps.append(
                FollowUpStep(
                    offsetDays: whole("step_offset_\(index)", field: "steps[\(steps.count)].offset_days") ?? 0,
                    channel: channel,
                    script: FollowUpScript(zh: form.raw("step_zh_\(index)"), en: form.raw("step_en_\(index)"))))
        }
        let draft = FollowUpPlanDraft(
            name: form.raw("name"), trigger: trigger, steps: steps,
            teamID: form["team_id"].flatMap { UUID(uuidString: $0) },
            active: form.has("active"))
        guard !unreadable.isEmpty else { return draft }
        throw ValidationFailure(unreadable)
    }

    private func render(_ request: Request, _ context: KefuRequestContext, failed: Failure?) async throws -> Response {
        let ui = web.views.ui(request, context)
        let settings = try await web.repositories.settings.get()
        let teams = try await web.repositories.teams.list()
        let dateFields = [FollowUpTrigger.birthdayField] + settings.customFields.filter { $0.type == .date }.map(\.key)
        let exponent = MinorUnits.exponent(of: settings.currency)
        func form(_ plan: FollowUpPlan?) -> PlanForm {
            let failure = failed.flatMap { $0.id == plan?.id ? $0 : nil }
            let posted = failure?.form
            func text(_ name: String, _ stored: String?) -> String { posted.map { $0.raw(name) } ?? stored ?? "" }
            let trigger = plan?.trigger
            let kind = posted.map { $0.raw("trigger_kind") } ?? trigger?.kind.rawValue ?? ""
            let stepCount = posted.map { form in
                (0..<FollowUpPlanDraft.maxSteps).filter { form.raw("step_offset_\($0)").trimmedOrNil != nil }.count
            }
            let steps = plan?.steps ?? []
            let rows = (0..<Self.rowCount(steps: stepCount ?? steps.count)).map { index in
                let step = steps.indices.contains(index) ? steps[index] : nil
                let channel = posted.map { $0.raw("step_channel_\(index)") } ?? step?.channel.rawValue ?? "phone"
                return StepRow(
                    index: index, offset: text("step_offset_\(index)", step.map { String($0.offsetDays) }),
                    channels: ui.options(
                        FollowUpChannel.allCases.map(\.rawValue), selected: channel,
                        label: { ui.t("follow_up.channel." + $0) }),
                    zh: text("step_zh_\(index)", step?.script.zh), en: text("step_en_\(index)", step?.script.en))
            }
            return PlanForm(
                action: plan.map { "/follow-up-plans/\($0.id.uuidString)" } ?? "/follow-up-plans",
                prefix: plan.map { "p" + $0.id.uuidString.prefix(8) } ?? "np", open: failure != nil && plan != nil,
                errors: failure?.errors ?? [], name: text("name", plan?.name),
                kinds: ui.options(
                    FollowUpTriggerKind.allCases.map(\.rawValue), selected: kind,
                    label: { ui.t("follow_up.trigger." + $0) }),
                minTotal: text("min_total", trigger?.minTotal.map { MinorUnits.decimalText($0, exponent: exponent) }),
                skuPrefix: text("sku_prefix", trigger?.skuPrefix),
                everyDays: text("every_days", trigger?.everyDays.map(String.init)),
                daysBefore: text("days_before", trigger?.daysBefore.map(String.init)),
                tiers: ui.options(
                    settings.tiers, selected: posted.map { $0.raw("tier") } ?? trigger?.tier, label: { $0 }, blank: ""),
                fields: ui.options(
                    dateFields, selected: posted.map { $0.raw("field") } ?? trigger?.field,
                    label: { $0 == FollowUpTrigger.birthdayField ? ui.t("customer.birthday") : $0 }),
                teams: ui.options(
                    teams.map(\.id.uuidString), selected: posted.map { $0.raw("team_id") } ?? plan?.teamID?.uuidString,
                    label: { id in teams.first { $0.id.uuidString == id }?.name ?? id },
                    blank: ui.t("follow_up.no_team")),
                active: posted.map { $0.has("active") } ?? plan?.active ?? true, steps: rows)
        }
        let plans = try await web.repositories.followUpPlans.list(limit: 200, cursor: nil).items
        let cards = plans.map { plan in
            Card(
                name: plan.name, active: plan.active, trigger: Self.describe(plan.trigger, exponent: exponent, ui: ui),
                team: plan.teamID.flatMap { id in teams.first { $0.id == id }?.name },
                steps: plan.steps.map { step in
                    ui.t(
                        "follow_up.step_text",
                        [
                            "days": String(step.offsetDays),
                            "channel": ui.t("follow_up.channel." + step.channel.rawValue),
                        ])
                        + (FollowUpScriptText.of(step.script, ui: ui).map { ": " + $0 } ?? "")
                }, form: form(plan))
        }
        let model = PageView(plans: cards, empty: cards.isEmpty, newPlan: form(nil))
        return ui.render(
            "follow_up_plans", title: ui.t("follow_up.plans"), model: model,
            status: failed == nil ? .ok : .unprocessableContent, flash: ui.flash(request))
    }

    /// The trigger in words: "Purchase of at least 100.00, SKU starting with CAKE".
    static func describe(_ trigger: FollowUpTrigger, exponent: Int, ui: WebUI) -> String {
        var parts = [ui.t("follow_up.trigger." + trigger.kind.rawValue)]
        if let total = trigger.minTotal {
            parts.append(ui.t("follow_up.min_total_text", ["total": MinorUnits.decimalText(total, exponent: exponent)]))
        }
        if let prefix = trigger.skuPrefix { parts.append(ui.t("follow_up.sku_prefix_text", ["prefix": prefix])) }
        if let days = trigger.everyDays {
            parts.append(ui.t("follow_up.every_days_text", ["days": String(days), "tier": trigger.tier ?? "—"]))
        }
        if let days = trigger.daysBefore {
            let field = trigger.field == FollowUpTrigger.birthdayField ? ui.t("customer.birthday") : trigger.field
            parts.append(ui.t("follow_up.days_before_text", ["days": String(days), "field": field ?? "—"]))
        }
        return parts.joined(separator: ", ")
    }
}
