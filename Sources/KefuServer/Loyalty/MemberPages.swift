import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// The staff's loyalty pages (agents and up): `/loyalty/members` lists the members (newest first, or the one a
/// member number finds); POST `/loyalty/members` enrols the customer `customer_id` (from the customer page);
/// `/loyalty/members/{id}` shows a member's balance, tier and ledger with the form that redeems points — and, for
/// managers and admins, the form that adjusts them (POST `…/redeem`, `…/adjust`). A refused form shows the page
/// again with why (422, or 409 for points that cannot be spent).
struct MemberPages {
    let web: WebRoutes

    /// Movements a member page lists; older ones follow `more`.
    static let ledgerPage = 50

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "loyalty/members", list)
        web.post(router, "loyalty/members", enrol)
        web.get(router, "loyalty/members/:id", show)
        web.post(router, "loyalty/members/:id/redeem", redeem)
        web.post(router, "loyalty/members/:id/adjust", adjust)
    }

    struct ListView {
        var number: String
        var members: [Row]
        var empty: Bool
        var moreURL: String?

        struct Row {
            var url: String
            var number: String
            var customer: String
            var tier: String
            var balance: Int
            var since: String
        }
    }

    struct MemberView {
        var id: String
        var number: String
        var customer: String
        var customerURL: String
        var tier: String
        var benefits: String
        var balance: Int
        var negative: Bool
        var since: String
        var movements: [Movement]
        var empty: Bool
        var moreURL: String?
        var canAdjust: Bool
        /// The rewards the redemption form offers (none when the settings list none).
        var rewards: [Option]
        var hasRewards: Bool
        var redemption: Form
        var adjustment: Form

        struct Movement {
            var when: String
            var kind: String
            var points: String
            var negative: Bool
            var detail: String
            var expires: String
        }
    }

    /// A refused form's messages and what was typed; `key` is the redemption's idempotency key, new on each
    /// render so that a double click does not redeem twice.
    struct Form {
        var errors: [String]
        var points: String
        var reward: String
        var reason: String
        var key: String
    }

    @Sendable func list(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let ui = web.views.ui(request, context)
        let repositories = web.repositories
        let number = request.query("number") ?? ""
        let page = try await repositories.loyalty.list(
            number: number, limit: 50, cursor: try request.queryCursor(web.database.cursors))
        let names = try await repositories.customers.names(of: page.items.map(\.customerID))
        let time = ui.formatter(timeZone: try await repositories.settings.get().timeZone)
        let model = ListView(
            number: number,
            members: page.items.map { member in
                ListView.Row(
                    url: "/loyalty/members/\(member.id.uuidString)", number: member.number,
                    customer: names[member.customerID] ?? "", tier: member.tier, balance: member.balance,
                    since: time.string(from: member.createdAt))
            }, empty: page.items.isEmpty,
            moreURL: page.nextCursor.map { cursor in
                "/loyalty/members?"
                    + WebForm.queryString([
                        ("number", number.isEmpty ? nil : number), ("cursor", web.database.cursors.token(for: cursor)),
                    ])
            })
        return ui.render("loyalty_members", title: ui.t("loyalty.members"), model: model, flash: ui.flash(request))
    }

    @Sendable func enrol(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let form = try await WebForm.posted(request, context: context)
        guard let customerID = form["customer_id"].flatMap(PastedID.parse) else {
            return WebRoutes.redirect("/loyalty/members", flash: "member_enrol_refused")
        }
        do {
            let member = try await web.repositories.loyalty.enrol(
                customerID: customerID, referralCode: form["referral_code"], by: context.attribution())
            return WebRoutes.redirect("/loyalty/members/\(member.id.uuidString)", flash: "member_enrolled")
        } catch DomainError.conflict(_, _, let existing?) {
            return WebRoutes.redirect("/loyalty/members/\(existing.uuidString)", flash: "member_exists")
        } catch DomainError.invalid {
            return WebRoutes.redirect("/customers/\(customerID.uuidString)", flash: "member_enrol_refused")
        }
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        return try await render(request, context, id: try context.parameters.uuid("id"), refused: nil)
    }

    @Sendable func redeem(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        return try await post(request, context, redemption: true)
    }

    @Sendable func adjust(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        return try await post(request, context, redemption: false)
    }

    private func post(_ request: Request, _ context: KefuRequestContext, redemption: Bool) async throws -> Response {
        let id = try context.parameters.uuid("id")
        let form = try await WebForm.posted(request, context: context)
        let loyalty = web.repositories.loyalty
        let ui = web.views.ui(request, context)
        let typed = Form(
            errors: [], points: form.raw("points"), reward: form.raw("reward"), reason: form.raw("reason"),
            key: form.raw("key"))
        func refused(_ messages: [String], _ status: HTTPResponse.Status) async throws -> Response {
            var shown = typed
            shown.errors = messages
            return try await render(request, context, id: id, refused: (redemption, shown), status: status)
        }
        let points = Int(typed.points.trimmingCharacters(in: .whitespaces))
        let reward = redemption && !typed.reward.isEmpty ? typed.reward : nil
        guard points != nil || (reward != nil && typed.points.trimmingCharacters(in: .whitespaces).isEmpty) else {
            return try await refused([ui.t("loyalty.error.points")], .unprocessableContent)
        }
        do {
            if redemption {
                _ = try await loyalty.redeem(
                    id, points: points, reward: reward, key: typed.key, reason: typed.reason,
                    by: context.attribution())
            } else {
                _ = try await loyalty.adjust(id, points: points ?? 0, reason: typed.reason, by: context.attribution())
            }
            return WebRoutes.redirect(
                "/loyalty/members/\(id.uuidString)", flash: redemption ? "points_redeemed" : "points_adjusted")
        } catch DomainError.invalid(let errors) {
            return try await refused(
                errors.map { ui.t("loyalty.field." + $0.field) + ": " + ui.t("error." + $0.code) },
                .unprocessableContent)
        } catch DomainError.conflict(let message, _, _) {
            return try await refused([message], .conflict)
        }
    }

    private func render(
        _ request: Request, _ context: KefuRequestContext, id: UUID, refused: (redemption: Bool, form: Form)?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let repositories = web.repositories
        let member = try await repositories.loyalty.get(id)
        let ui = web.views.ui(request, context)
        let settings = try await repositories.settings.get()
        let time = ui.formatter(timeZone: settings.timeZone)
        let page = try await repositories.loyalty.ledger(
            id, limit: Self.ledgerPage, cursor: try request.queryCursor(web.database.cursors))
        let customer = try await repositories.customers.names(of: [member.customerID])[member.customerID] ?? ""
        let blank = Form(errors: [], points: "", reward: "", reason: "", key: UUID().uuidString)
        let redemption = refused?.redemption == true ? refused!.form : blank
        let rewards = settings.loyalty.rewards
        let rewardOptions =
            rewards.isEmpty
            ? []
            : ui.options(
                rewards.map(\.id), selected: redemption.reward,
                label: { id in
                    settings.loyalty.reward(id).map {
                        ui.t("loyalty.reward_option", ["name": $0.name, "points": String($0.points)])
                    } ?? id
                }, blank: ui.t("loyalty.no_reward"))
        let model = MemberView(
            id: id.uuidString, number: member.number, customer: customer,
            customerURL: "/customers/\(member.customerID.uuidString)", tier: member.tier,
            benefits: ui.benefits(of: settings.loyalty.tier(named: member.tier)).joined(separator: " · "),
            balance: member.balance, negative: member.balance < 0, since: time.string(from: member.createdAt),
            movements: page.items.map { movement in
                MemberView.Movement(
                    when: time.string(from: movement.createdAt), kind: ui.t("loyalty.kind." + movement.kind.rawValue),
                    points: movement.points > 0 ? "+\(movement.points)" : String(movement.points),
                    negative: movement.points < 0, detail: movement.reason ?? movement.source,
                    expires: movement.expiresOn?.description ?? "")
            }, empty: page.items.isEmpty,
            moreURL: page.nextCursor.map {
                "/loyalty/members/\(id.uuidString)?cursor=" + web.database.cursors.token(for: $0)
            },
            canAdjust: context.identity?.user.role.includes(.manager) == true,
            rewards: rewardOptions, hasRewards: !rewardOptions.isEmpty,
            redemption: redemption,
            adjustment: refused?.redemption == false ? refused!.form : blank)
        return ui.render(
            "loyalty_member", title: ui.t("loyalty.member", ["number": member.number]), model: model, status: status,
            flash: ui.flash(request))
    }
}
