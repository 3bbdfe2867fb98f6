import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// How tickets relate, over JSON (any staff role): merging one into another, splitting a message off
/// into a new ticket, and the `related` / `duplicate_of` links between two tickets.
struct TicketLinkRoutes {
    let tickets: TicketRepository

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.post("tickets/:id/merge", use: merge)
        group.post("tickets/:id/split", use: split)
        group.get("tickets/:id/links", use: links)
        group.post("tickets/:id/links", use: link)
        group.delete("tickets/:id/links/:linkId", use: unlink)
    }

    struct MergeBody: Decodable {
        var into: UUID
    }

    struct SplitBody: Decodable {
        var message_id: UUID
        var subject: String?
    }

    struct LinkBody: Decodable {
        var ticket_id: UUID
        var kind: TicketLinkKind
    }

    /// Answers with the survivor.
    @Sendable func merge(_ request: Request, context: KefuRequestContext) async throws -> TicketDTO {
        try context.require(.agent)
        let id = try context.parameters.uuid("id")
        let body = try await request.decodeJSON(MergeBody.self, context: context)
        return TicketDTO(record: try await tickets.merge(id, into: body.into, by: context.attribution()))
    }

    @Sendable func split(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let user = try context.require(.agent)
        let id = try context.parameters.uuid("id")
        let body = try await request.decodeJSON(SplitBody.self, context: context)
        let record = try await tickets.split(
            id, messageID: body.message_id, subject: body.subject, creator: .staff(id: user.id, role: user.role),
            by: context.attribution())
        return try created(
            TicketDTO(record: record), request: request, context: context,
            location: "/api/v1/tickets/\(record.ticket.id.uuidString)")
    }

    /// Both directions, oldest first; one page.
    @Sendable func links(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<EncodedDTO> {
        try context.require(.agent)
        return ListDTO(items: try await tickets.links(of: try context.parameters.uuid("id")).map(EncodedDTO.init))
    }

    @Sendable func link(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let id = try context.parameters.uuid("id")
        let body = try await request.decodeJSON(LinkBody.self, context: context)
        let link = try await tickets.link(id, to: body.ticket_id, kind: body.kind, by: context.attribution())
        return try created(EncodedDTO(link), request: request, context: context, location: nil)
    }

    /// `linkId` is the id of the ticket at the link's other end.
    @Sendable func unlink(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        try await tickets.unlink(
            try context.parameters.uuid("id"), from: try context.parameters.uuid("linkId"), by: context.attribution())
        return Response(status: .noContent)
    }
}
