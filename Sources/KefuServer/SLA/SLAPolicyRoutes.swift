import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/api/v1/sla-policies`: any staff member reads the service targets, admins set them.
struct SLAPolicyRoutes {
    let policies: SLAPolicyRepository

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.collection("sla-policies", list: list, create: create, get: get, update: update, delete: delete)
    }

    @Sendable func list(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<SLAPolicy> {
        try context.require(.agent)
        return ListDTO(items: try await policies.list())
    }

    @Sendable func create(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        let draft = try await request.decodeJSON(SLAPolicyDraft.self, context: context)
        let policy = try await policies.create(draft, by: context.attribution())
        return try created(
            EncodedDTO(policy), request: request, context: context,
            location: "/api/v1/sla-policies/\(policy.id.uuidString)")
    }

    @Sendable func get(_ request: Request, context: KefuRequestContext) async throws -> EncodedDTO {
        try context.require(.agent)
        return EncodedDTO(try await policies.get(try context.parameters.uuid("id")))
    }

    @Sendable func update(_ request: Request, context: KefuRequestContext) async throws -> EncodedDTO {
        try context.require(.admin)
        let id = try context.parameters.uuid("id")
        let patch = try await request.jsonObject(context: context)
        let draft = try JSONPatch.apply(patch, to: try await policies.get(id).draft, decoder: context.requestDecoder)
        return EncodedDTO(try await policies.update(id, to: draft, by: context.attribution()))
    }

    @Sendable func delete(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        try await policies.delete(try context.parameters.uuid("id"), by: context.attribution())
        return Response(status: .noContent)
    }
}
