import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/api/v1/coupons…` (issue 15 §3): managers and admins make and change coupon codes; any staff reads them and
/// records a use at the till (`POST /coupons/{code}/uses`, once per `idempotency_key`).
struct CouponRoutes {
    let database: KefuDatabase
    let coupons: CouponRepository

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.get("coupons", use: list)
        group.post("coupons", use: create)
        group.get("coupons/:code", use: get)
        group.patch("coupons/:code", use: update)
        group.post("coupons/:code/uses", use: use)
    }

    /// `{"code", "description", "max_uses", "per_customer", "expires_at", "active", "uses", "created_at",
    /// "updated_at"}`.
    struct CouponDTO: ResponseEncodable, Sendable {
        var code: String
        var description: String?
        var max_uses: Int?
        var per_customer: Int?
        var expires_at: String?
        var active: Bool
        var uses: Int
        var created_at: String
        var updated_at: String

        init(_ coupon: Coupon) {
            code = coupon.code
            description = coupon.description
            max_uses = coupon.maxUses
            per_customer = coupon.perCustomer
            expires_at = coupon.expiresAt.map(RFC3339.utc)
            active = coupon.active
            uses = coupon.uses
            created_at = RFC3339.utc(coupon.createdAt)
            updated_at = RFC3339.utc(coupon.updatedAt)
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: AnyCodingKey.self)
            try c.encode(code, forKey: AnyCodingKey("code"))
            try c.encode(description, forKey: AnyCodingKey("description"))
            try c.encode(max_uses, forKey: AnyCodingKey("max_uses"))
            try c.encode(per_customer, forKey: AnyCodingKey("per_customer"))
            try c.encode(expires_at, forKey: AnyCodingKey("expires_at"))
            try c.encode(active, forKey: AnyCodingKey("active"))
            try c.encode(uses, forKey: AnyCodingKey("uses"))
            try c.encode(created_at, forKey: AnyCodingKey("created_at"))
            try c.encode(updated_at, forKey: AnyCodingKey("updated_at"))
        }
    }

    /// A coupon's fields as posted; on a PATCH a field sent as null is emptied, one left out unchanged.
    struct CouponBody: Decodable {
        var code: String?
        var change = CouponRepository.Change()

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyCodingKey.self)
            func key(_ name: String) -> AnyCodingKey { AnyCodingKey(name) }
            code = try c.decodeIfPresent(String.self, forKey: key("code"))
            change.description = try c.decodeIfPresent(String.self, forKey: key("description"))
            change.maxUses = try c.decodeIfPresent(Int.self, forKey: key("max_uses"))
            change.perCustomer = try c.decodeIfPresent(Int.self, forKey: key("per_customer"))
            if let text = try c.decodeIfPresent(String.self, forKey: key("expires_at")) {
                guard let date = RFC3339.date(text) else {
                    throw Problem.badRequest("expires_at must be an RFC 3339 time.", field: "expires_at")
                }
                change.expiresAt = date
            }
            change.active = try c.decodeIfPresent(Bool.self, forKey: key("active"))
            change.clearMaxUses = try c.contains(key("max_uses")) && c.decodeNil(forKey: key("max_uses"))
            change.clearPerCustomer = try c.contains(key("per_customer")) && c.decodeNil(forKey: key("per_customer"))
            change.clearExpiresAt = try c.contains(key("expires_at")) && c.decodeNil(forKey: key("expires_at"))
        }
    }

    struct UseBody: Decodable {
        var customer_id: UUID
        var idempotency_key: String
    }

    @Sendable func list(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<CouponDTO> {
        try context.require(.agent)
        let fields = request.queryFields
        let page = try await coupons.list(limit: try fields.limit(), cursor: try fields.cursor(database.cursors))
        return ListDTO(page, cursors: database.cursors) { CouponDTO($0) }
    }

    @Sendable func create(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let body = try await request.decodeJSON(CouponBody.self, context: context)
        let coupon = try await coupons.create(code: body.code ?? "", body.change, by: context.attribution())
        return try created(
            CouponDTO(coupon), request: request, context: context, location: "/api/v1/coupons/\(coupon.code)")
    }

    @Sendable func get(_ request: Request, context: KefuRequestContext) async throws -> CouponDTO {
        try context.require(.agent)
        return CouponDTO(try await coupons.get(try Self.code(context)))
    }

    @Sendable func update(_ request: Request, context: KefuRequestContext) async throws -> CouponDTO {
        try context.require(.manager)
        let body = try await request.decodeJSON(CouponBody.self, context: context)
        return CouponDTO(try await coupons.update(try Self.code(context), body.change, by: context.attribution()))
    }

    /// 201 with the coupon and its uses after this one; the same key again, 200.
    @Sendable func use(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let body = try await request.decodeJSON(UseBody.self, context: context)
        let used = try await coupons.use(
            try Self.code(context), customerID: body.customer_id, key: body.idempotency_key, by: context.attribution())
        guard used.created else { return try CouponDTO(used.coupon).response(from: request, context: context) }
        return try created(CouponDTO(used.coupon), request: request, context: context, location: nil)
    }

    private static func code(_ context: KefuRequestContext) throws -> String {
        guard let code = context.parameters.get("code"), !code.isEmpty else {
            throw Problem.badRequest("Name the coupon in the path.", field: "code")
        }
        return code
    }
}
