import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/promotions` (agents and up): the stored promotions, and a preview that prices a basket against the active
/// ones exactly as `POST /api/v1/quote` does (POST `/promotions/preview`), with the promotion being edited in
/// the editor as if saved (app.js re-prices as either is typed). Managers and admins save a promotion
/// from its JSON definition — a new id makes one, a known id replaces it (POST `/promotions`) — and delete one
/// (POST `/promotions/{id}/delete`). A definition or basket the engine refuses is shown again with its message.
struct PromotionsPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "promotions", show)
        web.post(router, "promotions", save)
        web.post(router, "promotions/preview", preview)
        web.post(router, "promotions/:id/delete", delete)
    }

    /// A basket to start the preview from.
    static let sampleBasket = #"""
        {"at": "2026-02-14T12:00:00+08:00", "tier": null, "coupons": [],
         "lines": [{"sku": "ROSE", "category": "flowers", "quantity": 3, "unit_price": 9900}]}
        """#

    struct PageView {
        var promotions: [Row]
        var empty: Bool
        var canEdit: Bool
        var definition: String
        var active: Bool
        var saveErrors: [String]
        var basket: String
        var previewErrors: [String]
        var quote: QuoteView?

        struct Row {
            var id: String
            var kind: String
            var priority: Int
            var group: String
            var active: Bool
            var json: String
        }
    }

    struct QuoteView {
        var subtotal: String
        var discount: String
        var total: String
        var explanation: [String]
        var gifts: [String]
        var rejected: [String]
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        return try await render(request, context, state: State())
    }

    /// What the forms posted and what came of it.
    struct State {
        var definition = ""
        var active = true
        var saveErrors: [String] = []
        var basket = PromotionsPage.sampleBasket
        var previewErrors: [String] = []
        var quote: QuoteView?
        var status: HTTPResponse.Status = .ok
    }

    @Sendable func save(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let form = try await WebForm.posted(request, context: context)
        var state = State(definition: form.raw("definition"), active: form["active"] == "1")
        let promotions = web.repositories.promotions
        do {
            let promotion = try Self.promotion(state.definition)
            if (try? await promotions.get(promotion.id)) != nil {
                _ = try await promotions.replace(
                    promotion.id, with: promotion, active: state.active, by: context.attribution())
            } else {
                _ = try await promotions.create(promotion, active: state.active, by: context.attribution())
            }
            return WebRoutes.redirect("/promotions", flash: "promotion_saved")
        } catch let error as PromotionInputError {
            state.saveErrors = [error.description]
        } catch DomainError.invalid(let errors) {
            state.saveErrors = errors.map(\.message)
        }
        state.status = .unprocessableContent
        return try await render(request, context, state: state)
    }

    @Sendable func preview(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let form = try await WebForm.posted(request, context: context)
        let ui = web.views.ui(request, context)
        var state = State(definition: form.raw("definition"), basket: form.raw("basket"))
        do {
            let draft =
                try state.definition.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                ? nil : Self.promotion(state.definition)
            let basket = try Basket.decode(Data(state.basket.utf8))
            let (quote, rejected, _) = try await web.repositories.quoting.quote(
                basket, customerID: nil, chinese: ui.language == .zhHans, now: context.clock.now(), draft: draft)
            state.quote = QuoteView(
                subtotal: MinorUnits.decimalText(quote.subtotal), discount: MinorUnits.decimalText(quote.discount),
                total: MinorUnits.decimalText(quote.total), explanation: quote.explanation,
                gifts: quote.gifts.map { "\($0.sku) × \($0.quantity) (\(MinorUnits.decimalText($0.value)))" },
                rejected: rejected.map { "\($0.code): " + ui.t("promotion.coupon." + $0.reason.rawValue) })
        } catch let error as PromotionInputError {
            state.previewErrors = [error.description]
            state.status = .unprocessableContent
        }
        return try await render(request, context, state: state)
    }

    @Sendable func delete(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        guard let id = context.parameters.get("id") else { return WebRoutes.redirect("/promotions") }
        _ = try await WebForm.posted(request, context: context)
        try await web.repositories.promotions.delete(id, by: context.attribution())
        return WebRoutes.redirect("/promotions", flash: "promotion_deleted")
    }

    private static func promotion(_ json: String) throws -> Promotion {
        do {
            return try JSONDecoder().decode(Promotion.self, from: Data(json.utf8))
        } catch let error as PromotionInputError {
            throw error
        } catch {
            throw PromotionInputError(.promotionList, field: nil, "not a JSON object of one promotion")
        }
    }

    private func render(_ request: Request, _ context: KefuRequestContext, state: State) async throws -> Response {
        let ui = web.views.ui(request, context)
        let stored = try await web.repositories.promotions.list(active: nil, limit: 200, cursor: nil).items
        let model = PageView(
            promotions: try stored.map { item in
                PageView.Row(
                    id: item.promotion.id, kind: ui.t("promotion.kind." + item.promotion.kind.name),
                    priority: item.promotion.priority, group: item.promotion.group ?? "", active: item.active,
                    json: try StorePrinted.json(item.promotion))
            }, empty: stored.isEmpty, canEdit: context.identity?.user.role.includes(.manager) == true,
            definition: state.definition, active: state.active, saveErrors: state.saveErrors, basket: state.basket,
            previewErrors: state.previewErrors, quote: state.quote)
        return ui.render(
            "promotions", title: ui.t("promotion.title"), model: model, status: state.status, flash: ui.flash(request))
    }
}

/// A value's JSON as a page shows it for copying: keys sorted, slashes unescaped.
enum StorePrinted {
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
