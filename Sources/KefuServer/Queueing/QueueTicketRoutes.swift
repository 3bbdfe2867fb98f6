import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/api/v1/queue/tickets…`, the counters' calls and `/queue/branches/{id}/state` (issue 14 §2–3, §8): agents and
/// up issue tickets, call them at a counter and move them on.
struct QueueTicketRoutes {
    let database: KefuDatabase
    let tickets: QueueTicketRepository

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.post("queue/tickets", use: issue)
        group.get("queue/tickets", use: list)
        group.get("queue/tickets/:id", use: get)
        for action in QueueTicket.Action.allCases where action != .call {
            group.post("queue/tickets/:id/\(action.rawValue)") { request, context in
                try await act(action, request, context)
            }
        }
        group.post("queue/counters/:id/call-next", use: callNext)
        group.post("queue/counters/:id/call", use: call)
        group.get("queue/branches/:id/state", use: state)
    }

    struct IssueBody: Decodable {
        var service_id: UUID?
        var phone: String?
        var `class`: String?
    }

    /// 201 with the ticket, its position, estimate and `status_url`.
    @Sendable func issue(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let body = try await request.decodeJSON(IssueBody.self, context: context)
        guard let serviceID = body.service_id else {
            throw Problem.badRequest("Name the service.", field: "service_id", code: "required")
        }
        let placed = try await tickets.issue(
            .init(serviceID: serviceID, phone: body.phone, queueClass: try Self.queueClass(body.class), channel: "api"),
            by: context.attribution())
        return try created(
            QueueTicketDTO(placed: placed), request: request, context: context,
            location: "/api/v1/queue/tickets/\(placed.ticket.id.uuidString)")
    }

    /// A class named in a request; an unknown one is a 400 naming `class`.
    static func queueClass(_ text: String?) throws -> QueueClass? {
        guard let text, !text.isEmpty else { return nil }
        guard let queueClass = QueueClass(rawValue: text) else {
            throw Problem.badRequest(
                "The class is one of " + QueueClass.allCases.map(\.rawValue).joined(separator: ", ") + ".",
                field: "class")
        }
        return queueClass
    }

    /// Newest first; `branch_id` and `status` filter (an unknown status is a 400).
    @Sendable func list(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<QueueTicketDTO> {
        try context.require(.agent)
        let fields = request.queryFields
        let page = try await tickets.list(
            branchID: try fields.uuid("branch_id"), status: try fields.choice("status", QueueTicket.Status.self),
            limit: try fields.limit(), cursor: try fields.cursor(database.cursors))
        return ListDTO(page, cursors: database.cursors) { QueueTicketDTO(placed: .init(ticket: $0, position: nil)) }
    }

    @Sendable func get(_ request: Request, context: KefuRequestContext) async throws -> QueueTicketDTO {
        try context.require(.agent)
        return QueueTicketDTO(
            placed: try await tickets.get(try context.parameters.uuid("id"), now: context.attribution().now))
    }

    /// 200 with the ticket called, or 204 when nobody waits for the counter's services.
    @Sendable func callNext(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        guard
            let ticket = try await tickets.callNext(
                counterID: try context.parameters.uuid("id"), by: context.attribution())
        else { return Response(status: .noContent) }
        return try QueueTicketDTO(placed: .init(ticket: ticket, position: nil)).response(
            from: request, context: context)
    }

    struct CallBody: Decodable {
        var ticket_id: UUID
        var reason: String?
    }

    /// Calls one ticket out of turn: `{"ticket_id", "reason"}`.
    @Sendable func call(_ request: Request, context: KefuRequestContext) async throws -> QueueTicketDTO {
        try context.require(.agent)
        let counterID = try context.parameters.uuid("id")
        let body = try await request.decodeJSON(CallBody.self, context: context)
        let ticket = try await tickets.call(
            body.ticket_id, counterID: counterID, reason: body.reason ?? "", by: context.attribution())
        return QueueTicketDTO(placed: .init(ticket: ticket, position: nil))
    }

    struct ActionBody: Decodable {
        var outcome: String?
        var service_id: UUID?
        var counter_id: UUID?
        var keep_arrival: Bool?
    }

    private func act(_ action: QueueTicket.Action, _ request: Request, _ context: KefuRequestContext) async throws
        -> QueueTicketDTO
    {
        try context.require(.agent)
        let id = try context.parameters.uuid("id")
        let body = try await request.decodeJSONIfPresent(ActionBody.self, context: context) ?? ActionBody()
        let ticket = try await tickets.act(
            action, on: id,
            .init(
                outcome: body.outcome, serviceID: body.service_id, counterID: body.counter_id,
                keepArrival: body.keep_arrival ?? true), by: context.attribution())
        return try await QueueTicketDTO(placed: tickets.get(ticket.id, now: context.attribution().now))
    }

    @Sendable func state(_ request: Request, context: KefuRequestContext) async throws -> QueueStateDTO {
        try context.require(.agent)
        return QueueStateDTO(state: try await tickets.state(of: try context.parameters.uuid("id")))
    }
}
