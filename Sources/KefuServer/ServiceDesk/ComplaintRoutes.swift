import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// The complaint protocol over JSON (002 §4.2): the root-cause taxonomy (`/complaint-causes`,
/// managers write) and each complaint's six steps (`/tickets/{id}/complaint`).
struct ComplaintRoutes {
    let complaints: ComplaintRepository

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.get("complaint-causes", use: causes)
        group.post("complaint-causes", use: addCause)
        group.get("tickets/:id/complaint", use: record)
        group.put("tickets/:id/complaint/:step", use: recordStep)
    }

    struct CauseBody: Decodable {
        var category: String
        var name: String
        var name_en: String?
    }

    @Sendable func causes(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<EncodedDTO> {
        try context.require(.agent)
        return ListDTO(items: try await complaints.causes().map(EncodedDTO.init))
    }

    @Sendable func addCause(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let body = try await request.decodeJSON(CauseBody.self, context: context)
        let cause = try await complaints.addCause(
            category: body.category, name: body.name, nameEN: body.name_en, by: context.attribution())
        return try created(EncodedDTO(cause), request: request, context: context, location: nil)
    }

    @Sendable func record(_ request: Request, context: KefuRequestContext) async throws -> EncodedDTO {
        try context.require(.agent)
        return EncodedDTO(try await complaints.record(of: try context.parameters.uuid("id")))
    }

    @Sendable func recordStep(_ request: Request, context: KefuRequestContext) async throws -> EncodedDTO {
        try context.require(.agent)
        let id = try context.parameters.uuid("id")
        let name = context.parameters.get("step") ?? ""
        guard let step = ComplaintStep(rawValue: name) else {
            let steps = ComplaintStep.allCases.map(\.rawValue).joined(separator: ", ")
            throw Problem.badRequest("step must be one of \(steps).", field: "step")
        }
        let input = try await request.decodeJSON(ComplaintStepInput.self, context: context)
        return EncodedDTO(try await complaints.record(step, input, on: id, by: context.attribution()))
    }
}
