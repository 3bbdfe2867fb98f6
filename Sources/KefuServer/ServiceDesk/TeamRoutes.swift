import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/api/v1/teams` (staff read, admins create) and `/api/v1/me/availability` (each staff member
/// says whether they take tickets now).
struct TeamRoutes {
    let teams: TeamRepository
    let tickets: TicketRepository

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.get("teams", use: list)
        group.post("teams", use: create)
        group.get("teams/:id", use: get)
        group.put("me/availability", use: availability)
    }

    struct TeamBody: Decodable {
        var name: String
        var member_ids: [UUID]?
    }

    struct Availability: Codable, ResponseEncodable {
        var available: Bool
    }

    @Sendable func list(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<EncodedDTO> {
        try context.require(.agent)
        return ListDTO(items: try await teams.list().map(EncodedDTO.init))
    }

    @Sendable func create(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        let body = try await request.decodeJSON(TeamBody.self, context: context)
        let id = try await teams.create(name: body.name, members: body.member_ids ?? [], by: context.attribution())
        return try created(
            EncodedDTO(try await teams.get(id)), request: request, context: context,
            location: "/api/v1/teams/\(id.uuidString)")
    }

    @Sendable func get(_ request: Request, context: KefuRequestContext) async throws -> EncodedDTO {
        try context.require(.agent)
        return EncodedDTO(try await teams.get(try context.parameters.uuid("id")))
    }

    /// Going away unassigns the caller's urgent open tickets (the owner stays).
    @Sendable func availability(_ request: Request, context: KefuRequestContext) async throws -> Availability {
        let user = try context.require(.agent)
        let body = try await request.decodeJSON(Availability.self, context: context)
        try await tickets.setAvailability(body.available, for: user.id, by: context.attribution())
        return body
    }
}
