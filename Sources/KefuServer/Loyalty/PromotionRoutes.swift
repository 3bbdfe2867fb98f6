import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/api/v1/promotions…` and `POST /api/v1/quote` (issue 15 §3). A promotion is the engine's JSON definition
/// (the contract of `kefu calc quote --promotions`, one object) plus `active` (default true) and `holdout_percent`
/// (0–50, default 0: the share of customers held out of it, issue 15 §4); managers and admins
/// write them, any staff reads them. A quote prices `{"basket": …}` against the active promotions with the
/// engine, giving what `kefu calc quote` gives for the same basket and promotions (`lang` `en` or `zh-Hans` for
/// the explanation) once the server has kept only the coupon codes that may be used now by `customer_id`
/// (`rejected_coupons` says why the others were not) and left aside the promotions `customer_id` is held out of
/// (`held_out`). A malformed definition or basket is a 400 naming what `kefu calc quote` names.
struct PromotionRoutes {
    let database: KefuDatabase
    let promotions: PromotionRepository
    let quoting: Quoting

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.get("promotions", use: list)
        group.post("promotions", use: create)
        group.get("promotions/:id", use: get)
        group.put("promotions/:id", use: replace)
        group.delete("promotions/:id", use: delete)
        group.post("quote", use: quote)
    }

    /// A promotion as the API shows it: its definition's keys, then `active`, `holdout_percent`, `created_at` and
    /// `updated_at`.
    struct PromotionDTO: ResponseEncodable, Sendable {
        var stored: PromotionRepository.Stored

        enum Keys: String, CodingKey {
            case active
            case holdoutPercent = "holdout_percent"
            case createdAt = "created_at"
            case updatedAt = "updated_at"
        }

        func encode(to encoder: any Encoder) throws {
            try stored.promotion.encode(to: encoder)
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(stored.active, forKey: .active)
            try c.encode(stored.holdoutPercent, forKey: .holdoutPercent)
            try c.encode(RFC3339.utc(stored.createdAt), forKey: .createdAt)
            try c.encode(RFC3339.utc(stored.updatedAt), forKey: .updatedAt)
        }
    }

    /// What a write posts: the definition, and `active` and `holdout_percent` beside its keys.
    struct PromotionBody: Decodable {
        var promotion: Promotion
        var active: Bool
        var holdoutPercent: Int

        enum Keys: String, CodingKey {
            case active
            case holdoutPercent = "holdout_percent"
        }

        init(from decoder: any Decoder) throws {
            promotion = try Promotion(from: decoder)
            let c = try decoder.container(keyedBy: Keys.self)
            active = try c.decodeIfPresent(Bool.self, forKey: .active) ?? true
            holdoutPercent = try c.decodeIfPresent(Int.self, forKey: .holdoutPercent) ?? 0
        }
    }

    struct QuoteBody: Decodable {
        var basket: Basket
        var lang: String?
        var customer_id: UUID?
    }

    /// The engine's quote, the basket's coupon codes the server did not honour, each with why (`Coupon.Refusal`),
    /// and the promotions the customer is held out of.
    struct QuoteDTO: ResponseEncodable, Sendable {
        var quote: Quote
        var rejected: [(code: String, reason: Coupon.Refusal)]
        var heldOut: [String]

        func encode(to encoder: any Encoder) throws {
            try quote.encode(to: encoder)
            var c = encoder.container(keyedBy: AnyCodingKey.self)
            try c.encode(
                rejected.map { ["code": $0.code, "reason": $0.reason.rawValue] },
                forKey: AnyCodingKey("rejected_coupons"))
            try c.encode(heldOut, forKey: AnyCodingKey("held_out"))
        }
    }

    @Sendable func list(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<PromotionDTO> {
        try context.require(.agent)
        let fields = request.queryFields
        let active: Bool?
        switch fields.string("active") {
        case nil, "": active = nil
        case "true": active = true
        case "false": active = false
        default: throw Problem.badRequest("active must be true or false.", field: "active")
        }
        let page = try await promotions.list(
            active: active, limit: try fields.limit(), cursor: try fields.cursor(database.cursors))
        return ListDTO(page, cursors: database.cursors) { PromotionDTO(stored: $0) }
    }

    @Sendable func create(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let body = try await Self.decode(PromotionBody.self, request, context)
        let stored = try await promotions.create(
            body.promotion, active: body.active, holdoutPercent: body.holdoutPercent, by: context.attribution())
        return try created(
            EncodedDTO(PromotionDTO(stored: stored)), request: request, context: context,
            location: "/api/v1/promotions/\(Self.pathComponent(stored.promotion.id))")
    }

    @Sendable func get(_ request: Request, context: KefuRequestContext) async throws -> PromotionDTO {
        try context.require(.agent)
        return PromotionDTO(stored: try await promotions.get(try Self.id(context)))
    }

    @Sendable func replace(_ request: Request, context: KefuRequestContext) async throws -> PromotionDTO {
        try context.require(.manager)
        let id = try Self.id(context)
        let body = try await Self.decode(PromotionBody.self, request, context)
        return PromotionDTO(
            stored: try await promotions.replace(
                id, with: body.promotion, active: body.active, holdoutPercent: body.holdoutPercent,
                by: context.attribution()))
    }

    @Sendable func delete(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        try await promotions.delete(try Self.id(context), by: context.attribution())
        return Response(status: .noContent)
    }

    @Sendable func quote(_ request: Request, context: KefuRequestContext) async throws -> QuoteDTO {
        try context.require(.agent)
        let body = try await Self.decode(QuoteBody.self, request, context)
        let chinese: Bool
        switch body.lang {
        case nil, "en": chinese = false
        case "zh-Hans": chinese = true
        default: throw Problem.badRequest("lang must be en or zh-Hans.", field: "lang")
        }
        let priced = try await quoting.quote(
            body.basket, customerID: body.customer_id, chinese: chinese, now: context.clock.now())
        return QuoteDTO(quote: priced.quote, rejected: priced.rejected, heldOut: priced.heldOut)
    }

    /// The body as `T`; the engine's own errors (`PromotionInputError`) become a 400 with its one-line message.
    private static func decode<T: Decodable>(_ type: T.Type, _ request: Request, _ context: KefuRequestContext)
        async throws -> T
    {
        do {
            return try await request.decodeJSON(T.self, context: context)
        } catch let error as PromotionInputError {
            throw Problem.badRequest(error.description, field: error.field ?? "basket")
        }
    }

    private static func id(_ context: KefuRequestContext) throws -> String {
        guard let id = context.parameters.get("id")?.removingPercentEncoding, !id.isEmpty else {
            throw Problem.badRequest("Name the promotion in the path.", field: "id")
        }
        return id
    }

    private static func pathComponent(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/")))
            ?? id
    }
}
