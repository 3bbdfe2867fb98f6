public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Coupons and their uses (issue 15 §3): managers make and change codes; staff record a use at the till (once per
/// `idempotency_key`, whatever retries or servers do), and a quote honours a code only while its coupon allows one
/// more use (`Coupon.refusal`). Writes are audited.
public struct CouponRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
    }

    /// The fields a manager sets; nil leaves a field unchanged on an update (`clear…` empties it).
    public struct Change: Sendable {
        public var description: String?
        public var maxUses: Int?
        public var perCustomer: Int?
        public var expiresAt: Date?
        public var active: Bool?
        public var clearMaxUses = false
        public var clearPerCustomer = false
        public var clearExpiresAt = false

        public init(
            description: String? = nil, maxUses: Int? = nil, perCustomer: Int? = nil, expiresAt: Date? = nil,
            active: Bool? = nil
        ) {
            self.description = description
            self.maxUses = maxUses
            self.perCustomer = perCustomer
            self.expiresAt = expiresAt
            self.active = active
        }
    }

    struct Row: Codable {
        var id: UUID
        var code: String
        var description: String?
        var max_uses: Int?
        var per_customer: Int?
        var expires_at: Date?
        var active: Bool
        var created_by: UUID?
        var created_at: Date
        var updated_at: Date

        func coupon(uses: Int) -> Coupon {
            Coupon(
                id: id, code: code, description: description, maxUses: max_uses, perCustomer: per_customer,
                expiresAt: expires_at, active: active, uses: uses, createdAt: created_at, updatedAt: updated_at)
        }
    }

    /// Makes a coupon; a code taken already is a 409 naming `code`.
    public func create(code: String, _ change: Change, by attribution: Attribution) async throws -> Coupon {
        let code = code.trimmingCharacters(in: .whitespaces)
        let errors = Coupon.validationErrors(code: code, maxUses: change.maxUses, perCustomer: change.perCustomer)
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        let row = Row(
            id: TimeOrderedID.next(now: attribution.now), code: code, description: change.description,
            max_uses: change.maxUses, per_customer: change.perCustomer, expires_at: change.expiresAt,
            active: change.active ?? true, created_by: attribution.userID, created_at: attribution.now,
            updated_at: attribution.now)
        return try await db.sqlTransaction { tx in
            guard !(try await tx.insert(into: "coupons").model(row).ignoringConflicts().returning("id").all()).isEmpty
            else {
                throw DomainError.conflict(message: "The code \(code) is taken.", field: "code", conflictingID: nil)
            }
            try await Self.audit("coupon.create", code, ["code": .init(before: nil, after: code)], on: tx, attribution)
            return row.coupon(uses: 0)
        }
    }

    /// Changes what `change` gives (`.notFound` for an unknown code).
    public func update(_ code: String, _ change: Change, by attribution: Attribution) async throws -> Coupon {
        try await db.sqlTransaction { tx in
            let old = try await Self.row(code, on: tx)
            var row = old
            if let description = change.description { row.description = description.isEmpty ? nil : description }
            if let value = change.maxUses { row.max_uses = value } else if change.clearMaxUses { row.max_uses = nil }
            if let value = change.perCustomer {
                row.per_customer = value
            } else if change.clearPerCustomer {
                row.per_customer = nil
            }
            if let value = change.expiresAt {
                row.expires_at = value
            } else if change.clearExpiresAt {
                row.expires_at = nil
            }
            if let active = change.active { row.active = active }
            row.updated_at = attribution.now
            let errors = Coupon.validationErrors(code: code, maxUses: row.max_uses, perCustomer: row.per_customer)
            guard errors.isEmpty else { throw DomainError.invalid(errors) }
            try await tx.update("coupons").set("description", to: row.description).set("max_uses", to: row.max_uses)
                .set("per_customer", to: row.per_customer).set("expires_at", to: row.expires_at)
                .set("active", to: row.active).set("updated_at", to: row.updated_at).where("id", .equal, row.id).run()
            try await Self.audit(
                "coupon.update", code,
                try AuditLog.diff(before: old.coupon(uses: 0).auditFields, after: row.coupon(uses: 0).auditFields),
                on: tx, attribution)
            return row.coupon(uses: try await Self.uses(row.id, on: tx))
        }
    }

    public func get(_ code: String) async throws -> Coupon {
        let row = try await Self.row(code, on: db.sql)
        return row.coupon(uses: try await Self.uses(row.id, on: db.sql))
    }

    /// Coupons, newest first, each with its uses.
    public func list(limit: Int, cursor: PageCursor?) async throws -> KefuCore.Page<Coupon> {
        let page = try await db.sql.select().column("*").from("coupons").page(
            Row.self, column: "created_at", descending: true, limit: limit, cursor: cursor,
            key: { PageCursor(value: .date($0.created_at), id: $0.id) }, map: { $0 })
        let counts = try await Self.useCounts(page.items.map(\.id), customer: nil, on: db.sql)
        let coupons = page.items.map { $0.coupon(uses: counts[$0.id]?.all ?? 0) }
        return KefuCore.Page(items: coupons, nextCursor: page.nextCursor)
    }

    /// Records one use of `code` by the customer, once per `key`: the same key again answers the stored use
    /// (created false); a code that allows no more uses is a 409 naming why, an unknown customer a 400.
    public func use(_ code: String, customerID: UUID, key: String, by attribution: Attribution) async throws -> (
        coupon: Coupon, created: Bool
    ) {
        let key = key.trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, key.count <= 200 else {
            throw DomainError.invalid([
                FieldError(
                    field: "idempotency_key", code: "required", message: "Give an idempotency_key of 1–200 characters.")
            ])
        }
        return try await db.sqlTransaction { tx in
            let row = try await Self.row(code, on: tx)
            try await TransactionLock.take(["coupon:" + row.id.uuidString], on: tx)
            let source = "coupon:\(row.id.uuidString):\(key)"
            struct Stored: Decodable { var customer_id: UUID }
            if let stored = try await tx.select().column("customer_id").from("coupon_uses").where(
                "source", .equal, source
            )
            .first(decoding: Stored.self) {
                guard stored.customer_id == customerID else {
                    throw DomainError.conflict(
                        message: "This idempotency_key was used for another customer.", field: "idempotency_key",
                        conflictingID: nil)
                }
                return (row.coupon(uses: try await Self.uses(row.id, on: tx)), false)
            }
            do {
                _ = try await CustomerRepository.load(customerID, on: tx)
            } catch DomainError.notFound, DomainError.merged {
                throw DomainError.invalid([
                    FieldError(field: "customer_id", code: "unknown_customer", message: "No such customer.")
                ])
            }
            let coupon = row.coupon(uses: try await Self.uses(row.id, on: tx))
            if let refusal = coupon.refusal(
                at: attribution.now, customerUses: try await Self.uses(row.id, customer: customerID, on: tx))
            {
                throw DomainError.conflict(
                    message: "The coupon \(code) cannot be used: \(refusal.rawValue).", field: "code",
                    conflictingID: nil)
            }
            try await tx.insert(into: "coupon_uses").columns(
                "id", "coupon_id", "customer_id", "source", "created_by", "used_at"
            ).values(
                SQLBind(TimeOrderedID.next(now: attribution.now)), SQLBind(row.id), SQLBind(customerID),
                SQLBind(source),
                SQLBind(attribution.userID), SQLBind(attribution.now)
            ).run()
            try await Self.audit(
                "coupon.use", code, ["customer_id": .init(before: nil, after: customerID.uuidString)], on: tx,
                attribution)
            var used = coupon
            used.uses += 1
            return (used, true)
        }
    }

    /// The coupons the customer may use once more now, by code.
    public func usable(by customerID: UUID, now: Date) async throws -> [Coupon] {
        let sql = db.sql
        let rows = try await sql.select().column("*").from("coupons").where("active", .equal, true).orderBy("code")
            .all(decoding: Row.self)
        let counts = try await Self.useCounts(rows.map(\.id), customer: customerID, on: sql)
        return rows.map { $0.coupon(uses: counts[$0.id]?.all ?? 0) }.filter { coupon in
            coupon.refusal(at: now, customerUses: counts[coupon.id]?.mine ?? 0) == nil
        }
    }

    /// Why each of `codes` cannot be used now by `customerID` (nil: no customer named); codes that can are absent.
    public func refusals(_ codes: [String], customerID: UUID?, now: Date) async throws -> [String: Coupon.Refusal] {
        let codes = Array(Set(codes))
        guard !codes.isEmpty else { return [:] }
        let sql = db.sql
        let rows = try await sql.select().column("*").from("coupons").where("code", .in, codes)
            .all(decoding: Row.self)
        let counts = try await Self.useCounts(rows.map(\.id), customer: customerID, on: sql)
        var refused: [String: Coupon.Refusal] = [:]
        for code in codes {
            guard let row = rows.first(where: { $0.code == code }) else {
                refused[code] = .unknown
                continue
            }
            refused[code] = row.coupon(uses: counts[row.id]?.all ?? 0).refusal(
                at: now, customerUses: customerID.map { _ in counts[row.id]?.mine ?? 0 })
        }
        return refused
    }

    /// The uses of each of `coupons` in one read: in all, and by `customer` (0 without one); coupons never used
    /// are absent.
    private static func useCounts(_ coupons: [UUID], customer: UUID?, on sql: any SQLDatabase) async throws
        -> [UUID: (all: Int, mine: Int)]
    {
        guard !coupons.isEmpty else { return [:] }
        struct Count: Decodable {
            var coupon_id: UUID
            var n: Int
            var mine: Int
        }
        let mine: SQLQueryString =
            customer.map { "CAST(SUM(CASE WHEN customer_id = \(bind: $0) THEN 1 ELSE 0 END) AS BIGINT)" } ?? "0"
        let rows = try await sql.raw(
            """
            SELECT coupon_id, COUNT(*) AS n, \(mine) AS mine FROM coupon_uses
            WHERE coupon_id IN (\(binds: coupons)) GROUP BY coupon_id
            """
        ).all(decoding: Count.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.coupon_id, (all: $0.n, mine: $0.mine)) })
    }

    private static func row(_ code: String, on sql: any SQLDatabase) async throws -> Row {
        guard
            let row = try await sql.select().column("*").from("coupons").where("code", .equal, code)
                .first(decoding: Row.self)
        else { throw DomainError.notFound(entity: "coupon", id: code) }
        return row
    }

    private static func uses(_ couponID: UUID, customer: UUID? = nil, on sql: any SQLDatabase) async throws -> Int {
        struct Count: Decodable { var n: Int }
        var query = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("coupon_uses")
            .where("coupon_id", .equal, couponID)
        if let customer { query = query.where("customer_id", .equal, customer) }
        return try await query.first(decoding: Count.self)?.n ?? 0
    }

    private static func audit(
        _ action: String, _ code: String, _ changes: [String: AuditEntry.FieldChange], on tx: any SQLDatabase,
        _ attribution: Attribution
    ) async throws {
        try await AuditLog.record(
            on: tx, attribution, action: action, entityType: "coupon", entityID: code, changes: changes)
    }
}

extension Coupon {
    /// The fields an update may change, for the audit diff.
    fileprivate var auditFields: [String: String] {
        var fields = ["active": String(active)]
        fields["description"] = description
        fields["max_uses"] = maxUses.map(String.init)
        fields["per_customer"] = perCustomer.map(String.init)
        fields["expires_at"] = expiresAt.map(RFC3339.utc)
        return fields
    }
}
