import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/api/v1/customers…`: the customer database over JSON.
struct CustomerRoutes {
    let database: KefuDatabase
    let customers: CustomerRepository
    let health: HealthLedger

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.collection("customers", list: list, create: create, get: get, update: update, delete: delete)
        group.post("customers/:id/merge", use: merge)
        group.get("customers/:id/timeline", use: timeline)
        group.get("customers/:id/health", use: getHealth)
    }

    @Sendable func list(_ request: Request, context: KefuRequestContext) async throws -> CustomerBody {
        try context.require(.agent)
        let query = try CustomerQuery(request, cursors: database.cursors)
        return .list(try await customers.list(query), database.cursors)
    }

    @Sendable func create(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let profile = try await request.decodeJSON(CustomerProfile.self, context: context)
        let customer = try await customers.create(profile, by: context.attribution())
        return try created(
            CustomerBody.one(customer), request: request, context: context,
            location: "/api/v1/customers/\(customer.id.uuidString)")
    }

    @Sendable func get(_ request: Request, context: KefuRequestContext) async throws -> CustomerBody {
        try context.require(.agent)
        return .one(try await customers.get(try context.parameters.uuid("id")))
    }

    @Sendable func update(_ request: Request, context: KefuRequestContext) async throws -> CustomerBody {
        try context.require(.agent)
        let id = try context.parameters.uuid("id")
        let patch = try await request.jsonObject(context: context)
        let current: Customer
        do {
            current = try await customers.get(id)
        } catch DomainError.merged(let survivor) {
            throw DomainError.conflict(
                message: "This customer was merged into \(survivor.uuidString); edit that one.",
                field: nil, conflictingID: survivor)
        }
        let profile = try JSONPatch.apply(patch, to: current.profile, decoder: context.requestDecoder)
        return .one(try await customers.update(id, to: profile, by: context.attribution()))
    }

    @Sendable func delete(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        try await customers.delete(try context.parameters.uuid("id"), by: context.attribution())
        return Response(status: .noContent)
    }

    struct MergeRequest: Decodable {
        var duplicate_id: UUID
    }

    @Sendable func merge(_ request: Request, context: KefuRequestContext) async throws -> CustomerBody {
        try context.require(.manager)
        let id = try context.parameters.uuid("id")
        let body = try await request.decodeJSON(MergeRequest.self, context: context)
        return .one(try await customers.merge(duplicateID: body.duplicate_id, into: id, by: context.attribution()))
    }

    @Sendable func timeline(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<TimelineEventDTO> {
        try context.require(.agent)
        let page = try await Timeline.list(
            in: database, customerID: try context.parameters.uuid("id"),
            limit: try request.queryLimit(), cursor: try request.queryCursor(database.cursors))
        return ListDTO(page, cursors: database.cursors, map: TimelineEventDTO.init)
    }

    /// The relationship health now: the balance, whether it is below the at-risk threshold, and the counted
    /// movements newest first (`limit` of them, default and at most `HealthLedger.maximumMovements`).
    @Sendable func getHealth(_ request: Request, context: KefuRequestContext) async throws -> HealthDTO {
        try context.require(.agent)
        let limit = try request.queryLimit(
            default: HealthLedger.maximumMovements, max: HealthLedger.maximumMovements)
        return HealthDTO(health: try await health.health(of: try context.parameters.uuid("id"), limit: limit))
    }
}
