import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/api/v1/tickets…`: tickets and their conversation over JSON. Any staff role may log, read and
/// answer tickets; naming an owner needs manager or above (`TicketOwnership`).
struct TicketRoutes {
    let database: KefuDatabase
    let tickets: TicketRepository

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.get("tickets", use: list)
        group.post("tickets", use: create)
        group.get("tickets/:id", use: get)
        group.patch("tickets/:id", use: update)
        group.get("tickets/:id/messages", use: messages)
        group.post("tickets/:id/messages", use: reply)
        group.get("messages/:id/original", use: original)
    }

    @Sendable func create(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let user = try context.require(.agent)
        let draft = try await request.decodeJSON(TicketDraft.self, context: context)
        let record = try await tickets.create(
            draft, creator: .staff(id: user.id, role: user.role), by: context.attribution())
        return try created(
            TicketDTO(record: record), request: request, context: context,
            location: "/api/v1/tickets/\(record.ticket.id.uuidString)")
    }

    @Sendable func list(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<TicketListItem> {
        let user = try context.require(.agent)
        var query = try TicketQuery(request, cursors: database.cursors)
        query.viewerID = user.id
        let page = try await tickets.list(query)
        let sla = try await tickets.slaStatuses(of: page.items, now: context.attribution().now)
        return ListDTO(page, cursors: database.cursors) { TicketListItem(ticket: $0, sla: sla[$0.id] ?? .init()) }
    }

    @Sendable func get(_ request: Request, context: KefuRequestContext) async throws -> TicketDTO {
        try context.require(.agent)
        return TicketDTO(record: try await tickets.get(try context.parameters.uuid("id")))
    }

    @Sendable func update(_ request: Request, context: KefuRequestContext) async throws -> TicketDTO {
        try context.require(.agent)
        let id = try context.parameters.uuid("id")
        let change = try await request.decodeJSON(TicketChange.self, context: context)
        return TicketDTO(record: try await tickets.update(id, with: change, by: context.attribution()))
    }

    /// Oldest first, internal notes included (staff see everything); one page.
    @Sendable func messages(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<EncodedDTO> {
        try context.require(.agent)
        let id = try context.parameters.uuid("id")
        return ListDTO(items: try await tickets.messages(of: id, includeInternal: true).map(EncodedDTO.init))
    }

    /// The raw mail a message came from, as `message/rfc822`; 404 for a message that did not come by mail.
    @Sendable func original(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let original = try await tickets.original(ofMessage: try context.parameters.uuid("id"))
        return Response(
            status: .ok, headers: [.contentType: "message/rfc822"],
            body: .init(byteBuffer: ByteBuffer(bytes: original.raw)))
    }

    @Sendable func reply(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let id = try context.parameters.uuid("id")
        let body = try await request.decodeJSON(TicketMessageBody.self, context: context)
        let message = try await tickets.reply(
            to: id, body: body.body, visibility: body.internal == true ? .internal : .public,
            by: context.attribution())
        return try created(EncodedDTO(message), request: request, context: context, location: nil)
    }
}
