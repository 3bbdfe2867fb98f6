import Foundation
import KefuCore
import SQLKit

/// Makes the tasks of a plan for customers, on the caller's (job's) transaction: who is assigned, which local
/// date each step is due, and the insert that the unique (customer, plan, step, trigger_key) index makes once.
enum FollowUpScheduler {
    /// One customer's occurrence of a plan's trigger.
    struct Occurrence {
        var customerID: UUID
        var triggerKey: String
        var at: Date
        var branchID: UUID?
        var sourceTicketID: UUID?
    }

    /// Inserts the tasks of `plan`'s steps for each occurrence; those made before are left alone. Returns how
    /// many tasks were new.
    @discardableResult
    static func schedule(
        _ plan: FollowUpPlan, for occurrences: [Occurrence], on tx: any SQLDatabase, now: Date
    ) async throws -> Int {
        var rows: [FollowUpTaskRow] = []
        let businessZone = try await SettingsRepository.read(on: tx).zone
        for occurrence in occurrences {
            let facts = try await customerFacts(occurrence.customerID, on: tx)
            guard let facts else { continue }
            let zone = try await zone(branch: occurrence.branchID ?? facts.branch_id, on: tx) ?? businessZone
            let assignee = try await assignee(
                customerID: occurrence.customerID, accountManagerID: facts.account_manager_id, team: plan.teamID,
                on: tx)
            for (index, step) in plan.steps.enumerated() {
                rows.append(
                    try FollowUpTaskRow(
                        FollowUpTask(
                            id: TimeOrderedID.next(now: now), planID: plan.id, step: index,
                            customerID: occurrence.customerID, triggerKind: plan.trigger.kind.rawValue,
                            triggerKey: occurrence.triggerKey,
                            dueOn: FollowUpSchedule.dueOn(
                                triggeredAt: occurrence.at, in: zone, offsetDays: step.offsetDays),
                            channel: step.channel, script: step.script, assigneeID: assignee,
                            sourceTicketID: occurrence.sourceTicketID, createdAt: now, updatedAt: now)))
            }
        }
        var inserted = 0
        for chunk in rows.chunked(into: 200) where !chunk.isEmpty {
            inserted += try await tx.insert(into: "follow_up_tasks").models(Array(chunk)).ignoringConflicts()
                .returning("id").all().count
        }
        return inserted
    }

    /// The active plans of `kind` created at or before `storedAt`.
    static func plans(_ kind: FollowUpTriggerKind, createdBy storedAt: Date, on tx: any SQLDatabase) async throws
        -> [FollowUpPlan]
    {
        try await tx.select().column("*").from("follow_up_plans").where("trigger_kind", .equal, kind.rawValue)
            .where("active", .equal, true).where("created_at", .lessThanOrEqual, storedAt).orderBy("created_at")
            .orderBy("id").all(decoding: FollowUpPlanRow.self).map { try $0.plan() }
    }

    struct CustomerFacts: Decodable {
        var branch_id: UUID?
        var account_manager_id: UUID?
    }

    /// The live customer's home branch and account manager; nil for a deleted or merged customer.
    static func customerFacts(_ id: UUID, on tx: any SQLDatabase) async throws -> CustomerFacts? {
        try await tx.select().column("branch_id").column("account_manager_id").from("customers")
            .where("id", .equal, id).where("deleted_at", .is, SQLLiteral.null)
            .where("merged_into", .is, SQLLiteral.null).first(decoding: CustomerFacts.self)
    }

    static func zone(branch: UUID?, on tx: any SQLDatabase) async throws -> TimeZone? {
        guard let branch else { return nil }
        struct Row: Decodable { var time_zone: String }
        return try await tx.select().column("time_zone").from("branches").where("id", .equal, branch)
            .first(decoding: Row.self).flatMap { TimeZone(identifier: $0.time_zone) }
    }

    /// Issue 12 §2, in order: the owner of the customer's ticket with the latest `received_at` among those whose
    /// owner is an active user; else the customer's account manager, if active; else round-robin over the plan
    /// team's active, available agents; else nobody.
    static func assignee(
        customerID: UUID, accountManagerID: UUID?, team: UUID?, on tx: any SQLDatabase
    ) async throws -> UUID? {
        struct Owner: Decodable { var owner_id: UUID }
        if let owner = try await tx.raw(
            """
            SELECT t.owner_id FROM tickets t JOIN users u ON u.id = t.owner_id
            WHERE t.customer_id = \(bind: customerID) AND u.active = \(bind: true)
            ORDER BY t.received_at DESC, t.id DESC LIMIT 1
            """
        ).first(decoding: Owner.self) {
            return owner.owner_id
        }
        if let manager = accountManagerID, try await TicketReferences.isActiveStaff(manager, on: tx) {
            return manager
        }
        guard let team else { return nil }
        let (agents, position) = try await TicketReferences.teamAgents(team, on: tx)
        let decision = try TicketOwnership.decide(
            OwnershipRequest(
                creator: .nonStaff, explicitOwnerID: nil, sticky: nil, teamID: team, teamAgents: agents,
                capacity: .max, roundRobinPosition: position))
        guard decision.source == .roundRobin else { return nil }
        try await tx.update("teams").set("round_robin_position", to: decision.nextRoundRobinPosition)
            .where("id", .equal, team).run()
        return decision.ownerID
    }
}
