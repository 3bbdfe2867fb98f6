import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/api/v1/follow-up-plans…` and `/api/v1/follow-ups…`: plans (agents read, managers and admins write) and
/// the tasks they make (agents update their own, managers and admins any).
struct FollowUpRoutes {
    let database: KefuDatabase
    let plans: FollowUpPlanRepository
    let tasks: FollowUpRepository

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.get("follow-up-plans", use: listPlans)
        group.post("follow-up-plans", use: createPlan)
        group.get("follow-up-plans/:id", use: getPlan)
        group.patch("follow-up-plans/:id", use: updatePlan)
        group.get("follow-ups", use: listTasks)
        group.patch("follow-ups/:id", use: updateTask)
    }

    @Sendable func createPlan(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let draft = try await request.decodeJSON(FollowUpPlanDraft.self, context: context)
        let plan = try await plans.create(draft, by: context.attribution())
        return try created(
            EncodedDTO(plan), request: request, context: context,
            location: "/api/v1/follow-up-plans/\(plan.id.uuidString)")
    }

    /// Newest first; `active=true|false` narrows.
    @Sendable func listPlans(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<EncodedDTO> {
        try context.require(.agent)
        let fields = request.queryFields
        let page = try await plans.list(
            active: try fields.bool("active"), limit: try fields.limit(), cursor: try fields.cursor(database.cursors))
        return ListDTO(page, cursors: database.cursors) { EncodedDTO($0) }
    }

    @Sendable func getPlan(_ request: Request, context: KefuRequestContext) async throws -> EncodedDTO {
        try context.require(.agent)
        return EncodedDTO(try await plans.get(try context.parameters.uuid("id")))
    }

    /// The members given replace the plan's (`trigger` and `steps` whole); `active: false` deactivates it.
    @Sendable func updatePlan(_ request: Request, context: KefuRequestContext) async throws -> EncodedDTO {
        try context.require(.manager)
        let id = try context.parameters.uuid("id")
        let patch = try await request.jsonObject(context: context)
        let draft = try JSONPatch.apply(
            patch, to: try await plans.get(id).draft, decoder: context.requestDecoder, nested: false)
        return EncodedDTO(try await plans.update(id, to: draft, by: context.attribution()))
    }

    /// Earliest due first; `customer_id`, `assignee_id`, `plan_id`, `status` and `due_before` (a date, strictly
    /// before) narrow.
    @Sendable func listTasks(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<EncodedDTO> {
        try context.require(.agent)
        let fields = request.queryFields
        var dueBefore: CalendarDay?
        if let text = fields.string("due_before"), !text.isEmpty {
            guard let day = CalendarDay(dateOnly: text) else {
                throw Problem.badRequest("due_before must be a date (YYYY-MM-DD).", field: "due_before")
            }
            dueBefore = day
        }
        let filter = FollowUpRepository.Filter(
            customerID: try fields.uuid("customer_id"), assigneeID: try fields.uuid("assignee_id"),
            planID: try fields.uuid("plan_id"), status: try fields.choice("status", FollowUpStatus.self),
            dueBefore: dueBefore)
        let page = try await tasks.list(filter, limit: try fields.limit(), cursor: try fields.cursor(database.cursors))
        return ListDTO(page, cursors: database.cursors) { EncodedDTO($0) }
    }

    /// An agent may change only a task assigned to them (403 otherwise).
    @Sendable func updateTask(_ request: Request, context: KefuRequestContext) async throws -> EncodedDTO {
        let user = try context.require(.agent)
        let id = try context.parameters.uuid("id")
        let change = try await request.decodeJSON(FollowUpTaskChange.self, context: context)
        if !user.role.includes(.manager), try await tasks.get(id).assigneeID != user.id {
            throw Problem(
                .forbidden, "forbidden", "Forbidden", detail: "Agents may update only the follow-ups assigned to them.")
        }
        return EncodedDTO(try await tasks.update(id, with: change, role: user.role, by: context.attribution()))
    }
}
