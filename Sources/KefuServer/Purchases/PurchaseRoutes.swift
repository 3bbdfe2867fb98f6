import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/api/v1/purchases…`: record, read and refund purchases over JSON. Agents and up may do all of it.
/// A purchase sent again with the same `source` + `external_ref` answers 200 with the stored one.
struct PurchaseRoutes {
    let database: KefuDatabase
    let purchases: PurchaseRepository

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.get("purchases", use: list)
        group.post("purchases", use: record)
        group.get("purchases/:id", use: get)
        group.post("purchases/:id/refunds", use: refund)
    }

    @Sendable func record(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let draft = try await request.decodeJSON(PurchaseDraft.self, context: context)
        let recorded = try await purchases.record(draft, by: context.attribution())
        guard recorded.created else {
            return try EncodedDTO(recorded.purchase).response(from: request, context: context)
        }
        return try created(
            EncodedDTO(recorded.purchase), request: request, context: context,
            location: "/api/v1/purchases/\(recorded.purchase.id.uuidString)")
    }

    /// One customer's purchases and refunds, newest first; `customer_id` is required.
    @Sendable func list(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<EncodedDTO> {
        try context.require(.agent)
        let fields = request.queryFields
        guard let customerID = try fields.uuid("customer_id") else {
            throw Problem.badRequest("customer_id is required.", field: "customer_id")
        }
        let page = try await purchases.list(
            customerID: customerID, limit: try fields.limit(), cursor: try fields.cursor(database.cursors))
        return ListDTO(page, cursors: database.cursors) { EncodedDTO($0) }
    }

    @Sendable func get(_ request: Request, context: KefuRequestContext) async throws -> EncodedDTO {
        try context.require(.agent)
        return EncodedDTO(try await purchases.get(try context.parameters.uuid("id")))
    }

    /// Without `items`, refunds everything not refunded yet.
    @Sendable func refund(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let id = try context.parameters.uuid("id")
        let body = try await request.decodeJSON(RefundRequest.self, context: context)
        let refund = try await purchases.refund(id, body, by: context.attribution())
        return try created(
            EncodedDTO(refund), request: request, context: context,
            location: "/api/v1/purchases/\(refund.id.uuidString)")
    }
}
