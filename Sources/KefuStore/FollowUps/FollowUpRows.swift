import Foundation
import KefuCore

/// A `follow_up_plans` row: trigger and steps as JSON text.
struct FollowUpPlanRow: Codable {
    var id: UUID
    var name: String
    var trigger_kind: String
    var trigger: String
    var steps: String
    var team_id: UUID?
    var active: Bool
    var created_by: UUID?
    var created_at: Date
    var updated_at: Date

    init(_ plan: FollowUpPlan, createdBy: UUID?) throws {
        id = plan.id
        name = plan.name
        trigger_kind = plan.trigger.kind.rawValue
        trigger = try StoreJSON.encode(plan.trigger)
        steps = try StoreJSON.encode(plan.steps)
        team_id = plan.teamID
        active = plan.active
        created_by = createdBy
        created_at = plan.createdAt
        updated_at = plan.updatedAt
    }

    func plan() throws -> FollowUpPlan {
        FollowUpPlan(
            id: id,
            draft: FollowUpPlanDraft(
                name: name, trigger: try StoreJSON.decode(FollowUpTrigger.self, from: trigger),
                steps: try StoreJSON.decode([FollowUpStep].self, from: steps), teamID: team_id, active: active),
            createdAt: created_at, updatedAt: updated_at)
    }
}

/// A `follow_up_tasks` row; `due_on` is `YYYY-MM-DD` text, which sorts and compares as dates on both engines.
struct FollowUpTaskRow: Codable {
    var id: UUID
    var plan_id: UUID?
    var step: Int
    var customer_id: UUID
    var trigger_kind: String
    var trigger_key: String
    var due_on: String
    var channel: String
    var script: String
    var assignee_id: UUID?
    var status: String
    var outcome: String?
    var note: String?
    var ticket_id: UUID?
    var source_ticket_id: UUID?
    var escalated_at: Date?
    var completed_at: Date?
    var created_at: Date
    var updated_at: Date

    init(_ task: FollowUpTask) throws {
        id = task.id
        plan_id = task.planID
        step = task.step
        customer_id = task.customerID
        trigger_kind = task.triggerKind
        trigger_key = task.triggerKey
        due_on = task.dueOn.description
        channel = task.channel.rawValue
        script = try StoreJSON.encode(task.script)
        assignee_id = task.assigneeID
        status = task.status.rawValue
        outcome = task.outcome?.rawValue
        note = task.note
        ticket_id = task.ticketID
        source_ticket_id = task.sourceTicketID
        escalated_at = task.escalatedAt
        completed_at = task.completedAt
        created_at = task.createdAt
        updated_at = task.updatedAt
    }

    func task(customerName: String? = nil) throws -> FollowUpTask {
        guard let day = CalendarDay(dateOnly: due_on), let channel = FollowUpChannel(rawValue: channel),
            let status = FollowUpStatus(rawValue: status)
        else { throw StoreError.corrupt("follow-up task \(id) has a bad due_on, channel or status") }
        return FollowUpTask(
            id: id, planID: plan_id, step: step, customerID: customer_id, customerName: customerName,
            triggerKind: trigger_kind, triggerKey: trigger_key, dueOn: day, channel: channel,
            script: try StoreJSON.decode(FollowUpScript.self, from: script), assigneeID: assignee_id, status: status,
            outcome: outcome.flatMap(FollowUpOutcome.init(rawValue:)), note: note, ticketID: ticket_id,
            sourceTicketID: source_ticket_id, escalatedAt: escalated_at, completedAt: completed_at,
            createdAt: created_at, updatedAt: updated_at)
    }
}

/// A task row with its customer's name, as lists show it.
struct FollowUpTaskListRow: Decodable {
    var task: FollowUpTaskRow
    var customer_name: String?

    init(from decoder: any Decoder) throws {
        task = try FollowUpTaskRow(from: decoder)
        enum Keys: String, CodingKey { case customer_name }
        customer_name = try decoder.container(keyedBy: Keys.self).decodeIfPresent(String.self, forKey: .customer_name)
    }
}
