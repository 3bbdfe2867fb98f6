public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Purchases and refunds: record (idempotent on `source` + `external_ref`), refund, read and list. Each
/// write is one transaction — a unit of the group commit (`GroupCommit`) — with the customer's timeline
/// event, the lifecycle stage `PurchaseSettings.stage` gives, an audit row, for a purchase its health event and a
/// member's points (`LoyaltyLedger`), and for a refund the points it takes back.
public struct PurchaseRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }
    private let writes: GroupCommit
    private let settings: SettingsRepository

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
        writes = database.writes
        settings = SettingsRepository(database)
    }

    /// A purchase as stored, and whether this call stored it (false: the same `source` + `external_ref`
    /// was recorded before, and nothing was written).
    public struct Recorded: Sendable, Equatable {
        public var purchase: Purchase
        public var created: Bool
    }

    /// Validates `input` and records it. A purchase whose `source` + `external_ref` is stored already
    /// answers with the stored one: the unique index decides (`INSERT … ON CONFLICT DO NOTHING`, then
    /// read), so concurrent retries, on one server or several, store it once.
    public func record(_ input: PurchaseDraft, by attribution: Attribution) async throws -> Recorded {
        let business = try await settings.get()
        let draft = try DomainError.validating {
            try input.validated(now: attribution.now, defaultCurrency: business.currency)
        }
        let rules = business.purchases
        return try await writes.write { tx in
            // One customer's purchases take turns: each counts the others for the stage.
            try await TransactionLock.take(["purchases:" + draft.customerID.uuidString], on: tx)
            let customer = try await Self.checkReferences(draft, on: tx)
            let purchase = Purchase(
                id: TimeOrderedID.next(now: attribution.now), draft: draft,
                currency: draft.currency ?? business.currency,
                createdAt: attribution.now)
            let inserted = try await tx.insert(into: "purchases").model(
                try PurchaseRow(purchase, createdBy: attribution.userID)
            ).ignoringConflicts().returning("id").all()
            guard !inserted.isEmpty else {
                return Recorded(purchase: try await Self.stored(draft, on: tx), created: false)
            }
            try await PurchasePromotions.insert(purchase, on: tx)
            try await Self.recorded(
                purchase, kind: PurchaseEventKind.recorded, customer: customer, rules: rules, on: tx, by: attribution)
            try await FollowUpTriggers.record(
                [.purchase(purchase, recordedAt: attribution.now)], on: tx, now: attribution.now)
            try await HealthLedger.purchasesRecorded([purchase], on: tx, now: attribution.now)
            try await LoyaltyLedger.earn(purchase, settings: business, on: tx, by: attribution)
            return Recorded(purchase: purchase, created: true)
        }
    }

    /// Refunds `request` of purchase `id` (`Purchase.refund`), stored as its own record.
    public func refund(_ id: UUID, _ request: RefundRequest, by attribution: Attribution) async throws -> Purchase {
        let business = try await settings.get()
        let rules = business.purchases
        return try await writes.write { tx in
            // Two refunds of one purchase take turns, so together they never refund more than it had.
            try await TransactionLock.take(["purchases:" + id.uuidString], on: tx)
            let original = try await Self.load(id, on: tx)
            let earlier = try await tx.select().column("*").from("purchases").where("refund_of", .equal, id)
                .all(decoding: PurchaseRow.self).map { try $0.purchase() }
            let refund = try original.refund(
                request, earlier: earlier, id: TimeOrderedID.next(now: attribution.now), now: attribution.now)
            try await TransactionLock.take(["purchases:" + original.customerID.uuidString], on: tx)
            let customer = try await CustomerRepository.load(original.customerID, on: tx)
            try await tx.insert(into: "purchases").model(try PurchaseRow(refund, createdBy: attribution.userID)).run()
            try await Self.recorded(
                refund, kind: PurchaseEventKind.refunded, customer: customer, rules: rules, on: tx, by: attribution)
            try await LoyaltyLedger.reverse(refund, of: original, settings: business, on: tx, by: attribution)
            return refund
        }
    }

    /// The purchase or refund, or `.notFound`.
    public func get(_ id: UUID) async throws -> Purchase {
        try await Self.load(id, on: db.sql)
    }

    /// A customer's purchases and refunds, newest `purchased_at` first.
    public func list(customerID: UUID, limit: Int, cursor: PageCursor?) async throws -> KefuCore.Page<Purchase> {
        let sql = db.sql
        var page = try await sql.select().column("*").from("purchases").where("customer_id", .equal, customerID)
            .page(
                PurchaseRow.self, column: "purchased_at", descending: true, limit: limit, cursor: cursor,
                key: { PageCursor(value: .date($0.purchased_at), id: $0.id) }, map: { try $0.purchase() })
        page.items = try await PurchasePromotions.attached(to: page.items, on: sql)
        return page
    }

    static func load(_ id: UUID, on sql: any SQLDatabase) async throws -> Purchase {
        guard
            let row = try await sql.select().column("*").from("purchases").where("id", .equal, id)
                .first(decoding: PurchaseRow.self)
        else { throw DomainError.notFound(entity: "purchase", id: id.uuidString) }
        return try await PurchasePromotions.attached(to: [try row.purchase()], on: sql)[0]
    }

    /// The live customer the draft names (its row) — a 400 naming `customer_id`, `branch_id` or `promotions[i].id`
    /// when the customer, branch or a promotion does not exist.
    private static func checkReferences(_ draft: PurchaseDraft, on tx: any SQLDatabase) async throws -> CustomerRow {
        var errors: [FieldError] = []
        var customer: CustomerRow?
        do {
            customer = try await CustomerRepository.load(draft.customerID, on: tx)
        } catch DomainError.notFound, DomainError.merged {
            errors.append(FieldError(field: "customer_id", code: "unknown_customer", message: "No such customer."))
        }
        if let branch = draft.branchID,
            try await tx.select().column("id").from("branches").where("id", .equal, branch).first() == nil
        {
            errors.append(FieldError(field: "branch_id", code: "unknown_branch", message: "No such branch."))
        }
        errors += try await PurchasePromotions.unknown(draft.promotions, on: tx)
        guard let customer, errors.isEmpty else { throw DomainError.invalid(errors) }
        return customer
    }

    /// The purchase stored before under the draft's `source` + `external_ref`.
    private static func stored(_ draft: PurchaseDraft, on tx: any SQLDatabase) async throws -> Purchase {
        guard
            let row = try await tx.select().column("*").from("purchases").where("source", .equal, draft.source)
                .where("external_ref", .equal, draft.externalRef).first(decoding: PurchaseRow.self)
        else { throw StoreError.corrupt("a purchase insert conflicted, but no purchase has its source and reference") }
        return try await PurchasePromotions.attached(to: [try row.purchase()], on: tx)[0]
    }

    /// What follows a new purchase or refund in its transaction: the timeline event, the audit row and the
    /// customer's lifecycle stage, recomputed from all their purchases (refunds are not purchases).
    private static func recorded(
        _ purchase: Purchase, kind: String, customer: CustomerRow, rules: PurchaseSettings, on tx: any SQLDatabase,
        by attribution: Attribution
    ) async throws {
        var data = [
            "purchase_id": purchase.id.uuidString, "total": String(purchase.total), "currency": purchase.currency,
        ]
        data["refund_of"] = purchase.refundOf?.uuidString
        try await Timeline.append(
            on: tx, customerID: purchase.customerID, kind: kind,
            summary: "\(purchase.currency) \(MinorUnits.decimalText(purchase.total))", data: data,
            attribution: attribution)
        try await AuditLog.record(
            on: tx, attribution, action: kind, entityType: "purchase", entityID: purchase.id.uuidString,
            changes: try AuditLog.diff(before: Purchase?.none, after: purchase))
        struct History: Decodable {
            var purchases: Int
            var last: Date?
        }
        let history = try await tx.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "purchases")
            .column(SQLFunction("MAX", args: SQLIdentifier("purchased_at")), as: "last").from("purchases")
            .where("customer_id", .equal, purchase.customerID).where("refund_of", .is, SQLLiteral.null)
            .first(decoding: History.self)
        let stage = rules.stage(
            purchases: history?.purchases ?? 0, lastPurchasedAt: history?.last, now: attribution.now)
        // Most purchases leave the stage as it is: no need to decode, diff and re-encode the whole profile.
        guard stage.rawValue != customer.stage else { return }
        var profile = try customer.customer().profile
        profile.stage = stage
        _ = try await CustomerRepository.replace(customer, with: profile, on: tx, by: attribution)
    }
}
