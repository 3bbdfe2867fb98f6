import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// The member's own page, `/m/{token}` (issue 15 §1): no login, phone width, in the language of the browser (or
/// the switch). It shows the member number with its QR code (for the till to scan), the balance, the tier and
/// what is missing for the next one, the latest points movements and the coupons still usable. Staff make the
/// link (POST `/loyalty/members/{id}/link`, agents and up), shown once to send. A forged or revoked link is a 404
/// page, an expired one a 410 page.
struct MemberCardPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "m/:token", show)
        web.post(router, "loyalty/members/:id/link", issue)
    }

    struct CardView {
        var number: String
        var name: String
        var tier: String
        var balance: Int
        var qr: String
        var progress: String?
        var benefits: [String]
        var rewards: [String]
        var referral: String?
        var movements: [Movement]
        var empty: Bool
        var coupons: [String]

        struct Movement {
            var when: String
            var kind: String
            var points: String
            var negative: Bool
        }
    }

    struct IssuedView {
        var link: String
        var expires: String
        var back: String
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let ui = web.views.ui(request, context)
        let card: MemberCards.Card
        do {
            card = try await web.repositories.memberCards.card(
                token: context.parameters.get("token") ?? "", now: context.clock.now())
        } catch let failure as SignedLinkFailure {
            let key =
                switch failure {
                case .notFound: "not_found"
                case .expired: "expired"
                case .used: "not_found"
                }
            return SupportStatusPage.linkErrorPage(
                ui, template: "member_link", prefix: "member_card", key: key, status: Problem.from(failure).status)
        }
        let member = card.member
        let time = ui.formatter(timeZone: card.settings.timeZone)
        let money = { (minor: Int) in MinorUnits.decimalText(minor) + " " + card.settings.currency }
        let progress = card.progress.map { progress in
            let needs = [
                progress.spendToGo.map { ui.t("member_card.spend_to_go", ["amount": money($0)]) },
                progress.pointsToGo.map { ui.t("member_card.points_to_go", ["points": String($0)]) },
            ].compactMap(\.self).joined(separator: ui.t("member_card.or"))
            return ui.t("member_card.progress", ["tier": progress.next.name, "needs": needs])
        }
        let model = CardView(
            number: member.number, name: card.name, tier: member.tier, balance: member.balance,
            qr: (try? QRCode(member.number).svg(title: member.number)) ?? "", progress: progress,
            benefits: ui.benefits(of: card.settings.loyalty.tier(named: member.tier)),
            rewards: card.settings.loyalty.rewards.map {
                ui.t("member_card.reward", ["name": $0.name, "points": String($0.points)])
            },
            referral: card.settings.loyalty.referral.referrerPoints > 0
                ? ui.t(
                    "member_card.referral",
                    ["code": member.number, "points": String(card.settings.loyalty.referral.referrerPoints)]) : nil,
            movements: card.movements.map { movement in
                CardView.Movement(
                    when: time.string(from: movement.createdAt), kind: ui.t("loyalty.kind." + movement.kind.rawValue),
                    points: movement.points > 0 ? "+\(movement.points)" : String(movement.points),
                    negative: movement.points < 0)
            }, empty: card.movements.isEmpty,
            coupons: card.coupons.map { coupon in
                coupon.code + (coupon.description.map { " · " + $0 } ?? "")
                    + (coupon.expiresAt.map { " · " + ui.t("member_card.until", ["date": time.string(from: $0)]) }
                        ?? "")
            })
        return SupportStatusPage.unlisted(
            ui.render("member_card", title: ui.t("member_card.title", ["number": member.number]), model: model))
    }

    @Sendable func issue(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let id = try context.parameters.uuid("id")
        _ = try await WebForm.posted(request, context: context)
        let ui = web.views.ui(request, context)
        let link = try await web.repositories.memberCards.link(id, by: context.attribution())
        let base = (web.configuration.publicURL ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let time = ui.formatter(timeZone: try await web.repositories.settings.get().timeZone)
        return ui.render(
            "member_link_issued", title: ui.t("member_card.link_title"),
            model: IssuedView(
                link: base + link.path, expires: time.string(from: link.expiresAt), back: "/loyalty/members/\(id)"),
            status: .created)
    }
}
