import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/api/v1/canned-replies` (agents read, managers write: the desk's wording is the desk's, not one
/// agent's) and `/api/v1/tickets/{id}/canned-replies/{replyId}`, the reply as it goes into that ticket's
/// reply box.
struct CannedReplyRoutes {
    let replies: CannedReplyRepository

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.collection("canned-replies", list: list, create: create, get: get, update: update, delete: delete)
        group.get("tickets/:id/canned-replies/:replyId", use: rendered)
    }

    /// A new reply, and what PATCH merges the keys it is sent into.
    struct Body: Codable {
        var title: String
        var body: String
    }

    @Sendable func list(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<CannedReply> {
        try context.require(.agent)
        return ListDTO(items: try await replies.list())
    }

    @Sendable func create(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let body = try await request.decodeJSON(Body.self, context: context)
        let reply = try await replies.create(title: body.title, body: body.body, by: context.attribution())
        return try created(
            EncodedDTO(reply), request: request, context: context,
            location: "/api/v1/canned-replies/\(reply.id.uuidString)")
    }

    @Sendable func get(_ request: Request, context: KefuRequestContext) async throws -> EncodedDTO {
        try context.require(.agent)
        return EncodedDTO(try await replies.get(try context.parameters.uuid("id")))
    }

    @Sendable func update(_ request: Request, context: KefuRequestContext) async throws -> EncodedDTO {
        try context.require(.manager)
        let id = try context.parameters.uuid("id")
        let patch = try await request.jsonObject(context: context)
        let current = try await replies.get(id)
        let body = try JSONPatch.apply(
            patch, to: Body(title: current.title, body: current.body), decoder: context.requestDecoder)
        return EncodedDTO(try await replies.update(id, title: body.title, body: body.body, by: context.attribution()))
    }

    @Sendable func delete(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        try await replies.delete(try context.parameters.uuid("id"), by: context.attribution())
        return Response(status: .noContent)
    }

    /// `{"id", "title", "body"}` with the body's placeholders filled for the ticket and the caller.
    struct Rendered: ResponseEncodable, Sendable {
        var id: UUID
        var title: String
        var body: String
    }

    @Sendable func rendered(_ request: Request, context: KefuRequestContext) async throws -> Rendered {
        let user = try context.require(.agent)
        let reply = try await replies.rendered(
            try context.parameters.uuid("replyId"), forTicket: try context.parameters.uuid("id"), agentName: user.name)
        return Rendered(id: reply.id, title: reply.title, body: reply.body)
    }
}
