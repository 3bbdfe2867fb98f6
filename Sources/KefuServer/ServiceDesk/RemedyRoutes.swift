import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// ABC remedies over JSON (002 §4.3.1): ladders per complaint category (managers), remedies asked
/// for on a complaint (any staff: A is applied at once, B and C wait), and the approvals list where
/// managers approve or decline.
struct RemedyRoutes {
    let remedies: RemedyRepository

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.put("complaint-categories/:category/remedies", use: setLadder)
        group.post("tickets/:id/remedies", use: request)
        group.get("remedies", use: list)
        group.post("remedies/:id/approve", use: approve)
        group.post("remedies/:id/decline", use: decline)
    }

    struct RequestBody: Decodable {
        var plan: RemedyPlan
        var note: String?
    }

    struct DecisionBody: Decodable {
        var note: String?
    }

    @Sendable func setLadder(_ request: Request, context: KefuRequestContext) async throws -> EncodedDTO {
        try context.require(.manager)
        // The router hands the segment over as sent, percent-encoded.
        guard let category = context.parameters.get("category")?.removingPercentEncoding else {
            throw Problem.badRequest("The category in the path is not valid percent-encoding.", field: "category")
        }
        let ladder = try await request.decodeJSON(RemedyLadder.self, context: context)
        return EncodedDTO(try await remedies.setLadder(ladder, category: category, by: context.attribution()))
    }

    @Sendable func request(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let id = try context.parameters.uuid("id")
        let body = try await request.decodeJSON(RequestBody.self, context: context)
        let record = try await remedies.request(body.plan, note: body.note, on: id, by: context.attribution())
        return try created(RemedyDTO(record: record), request: request, context: context, location: nil)
    }

    @Sendable func list(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<RemedyDTO> {
        try context.require(.manager)
        var status: RemedyStatus?
        if let text = request.queryFields.string("status")?.nilIfBlank {
            guard let parsed = RemedyStatus(rawValue: text) else {
                let values = RemedyStatus.allCases.map(\.rawValue).joined(separator: ", ")
                throw Problem.badRequest("status must be one of \(values).", field: "status")
            }
            status = parsed
        }
        return ListDTO(items: try await remedies.list(status: status).map(RemedyDTO.init))
    }

    @Sendable func approve(_ request: Request, context: KefuRequestContext) async throws -> RemedyDTO {
        try await decide(request, context) { .approve(note: $0) }
    }

    @Sendable func decline(_ request: Request, context: KefuRequestContext) async throws -> RemedyDTO {
        try await decide(request, context) { .decline(note: $0 ?? "") }
    }

    private func decide(
        _ request: Request, _ context: KefuRequestContext, _ decision: (String?) -> Remedy.Decision
    ) async throws -> RemedyDTO {
        let user = try context.require(.manager)
        let id = try context.parameters.uuid("id")
        let body = try await request.decodeJSON(DecisionBody.self, context: context)
        return RemedyDTO(
            record: try await remedies.decide(id, decision(body.note), role: user.role, by: context.attribution()))
    }
}

/// A remedy as the API writes it: `Remedy`'s keys plus the ladder's `text` and `compensation` (null
/// when the category had no ladder for the plan).
struct RemedyDTO: ResponseEncodable, Sendable {
    var record: RemedyRepository.Record

    func encode(to encoder: any Encoder) throws {
        try record.remedy.encode(to: encoder)
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        try c.encode(record.option?.text, forKey: AnyCodingKey("text"))
        try c.encode(record.option?.compensation, forKey: AnyCodingKey("compensation"))
    }
}
