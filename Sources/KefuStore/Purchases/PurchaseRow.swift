import Foundation
import KefuCore

/// The `purchases` table row; the lines are one JSON column.
struct PurchaseRow: Codable {
    var id: UUID
    var customer_id: UUID
    var branch_id: UUID?
    var purchased_at: Date
    var total: Int64
    var currency: String
    var items: String
    var source: String?
    var external_ref: String?
    var refund_of: UUID?
    var created_by: UUID?
    var created_at: Date

    init(_ purchase: Purchase, createdBy: UUID?) throws {
        id = purchase.id
        customer_id = purchase.customerID
        branch_id = purchase.branchID
        purchased_at = purchase.purchasedAt
        total = Int64(purchase.total)
        currency = purchase.currency
        items = try StoreJSON.encode(purchase.items)
        source = purchase.source
        external_ref = purchase.externalRef
        refund_of = purchase.refundOf
        created_by = createdBy
        created_at = purchase.createdAt
    }

    func purchase() throws -> Purchase {
        Purchase(
            id: id, customerID: customer_id, branchID: branch_id, purchasedAt: purchased_at, total: Int(total),
            currency: currency, items: try StoreJSON.decode([PurchaseItem].self, from: items), source: source,
            externalRef: external_ref, refundOf: refund_of, createdAt: created_at)
    }
}
