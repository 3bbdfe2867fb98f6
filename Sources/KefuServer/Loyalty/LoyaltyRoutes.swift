import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/api/v1/loyalty/members…` (issue 15 §1–2): enrol a customer, read members and their ledger, redeem points
/// (agents and up; idempotent on `idempotency_key`) and adjust them (managers and admins, with a reason).
struct LoyaltyRoutes {
    let database: KefuDatabase
    let loyalty: LoyaltyRepository
    let cards: MemberCards

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.get("loyalty/members", use: list)
        group.post("loyalty/members", use: enrol)
        group.get("loyalty/members/:id", use: get)
        group.get("loyalty/members/:id/ledger", use: ledger)
        group.post("loyalty/members/:id/redemptions", use: redeem)
        group.post("loyalty/members/:id/adjustments", use: adjust)
        group.post("loyalty/members/:id/links", use: link)
    }

    /// 201 `{"url": "/m/{token}", "expires_at"}`: the member's own page, to send them; shown only here.
    @Sendable func link(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let link = try await cards.link(try context.parameters.uuid("id"), by: context.attribution())
        return try created(
            EncodedDTO(["url": link.path, "expires_at": RFC3339.utc(link.expiresAt)]), request: request,
            context: context, location: nil)
    }

    struct EnrolBody: Decodable {
        var customer_id: UUID
        var referral_code: String?
    }

    struct RedemptionBody: Decodable {
        var points: Int?
        var reward: String?
        var idempotency_key: String
        var reason: String?
    }

    struct AdjustmentBody: Decodable {
        var points: Int
        var reason: String
    }

    @Sendable func enrol(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let body = try await request.decodeJSON(EnrolBody.self, context: context)
        let member = try await loyalty.enrol(
            customerID: body.customer_id, referralCode: body.referral_code, by: context.attribution())
        return try created(
            EncodedDTO(MemberDTO(member, rules: try await loyalty.rules())), request: request, context: context,
            location: "/api/v1/loyalty/members/\(member.id.uuidString)")
    }

    /// Newest first; `number` finds one member by number.
    @Sendable func list(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<MemberDTO> {
        try context.require(.agent)
        let fields = request.queryFields
        let page = try await loyalty.list(
            number: fields.string("number"), limit: try fields.limit(), cursor: try fields.cursor(database.cursors))
        let rules = try await loyalty.rules()
        return ListDTO(page, cursors: database.cursors) { MemberDTO($0, rules: rules) }
    }

    @Sendable func get(_ request: Request, context: KefuRequestContext) async throws -> EncodedDTO {
        try context.require(.agent)
        let member = try await loyalty.get(try context.parameters.uuid("id"))
        return EncodedDTO(MemberDTO(member, rules: try await loyalty.rules()))
    }

    /// The member's movements, newest first.
    @Sendable func ledger(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<MovementDTO> {
        try context.require(.agent)
        let fields = request.queryFields
        let page = try await loyalty.ledger(
            try context.parameters.uuid("id"), limit: try fields.limit(), cursor: try fields.cursor(database.cursors))
        return ListDTO(page, cursors: database.cursors) { MovementDTO($0) }
    }

    /// 201 with the redemption and the balance after it; the same key again, 200 with the same redemption.
    @Sendable func redeem(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let id = try context.parameters.uuid("id")
        let body = try await request.decodeJSON(RedemptionBody.self, context: context)
        let posted = try await loyalty.redeem(
            id, points: body.points, reward: body.reward, key: body.idempotency_key, reason: body.reason,
            by: context.attribution())
        let dto = EncodedDTO(MovementDTO(posted.movement, balance: posted.member.balance))
        guard posted.created else { return try dto.response(from: request, context: context) }
        return try created(dto, request: request, context: context, location: nil)
    }

    @Sendable func adjust(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let id = try context.parameters.uuid("id")
        let body = try await request.decodeJSON(AdjustmentBody.self, context: context)
        let posted = try await loyalty.adjust(id, points: body.points, reason: body.reason, by: context.attribution())
        return try created(
            EncodedDTO(MovementDTO(posted.movement, balance: posted.member.balance)), request: request,
            context: context, location: nil)
    }
}
