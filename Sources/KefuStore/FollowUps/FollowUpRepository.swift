public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Follow-up tasks: the lists agents and managers work from, and recording what came of a task
/// (`FollowUpTaskChange`), with its timeline event, audit row, and for `issue_found` the linked ticket, all in
/// one transaction.
public struct FollowUpRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }
    private let settings: SettingsRepository

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
        settings = SettingsRepository(database)
    }

    /// What a list is narrowed to; nil members do not narrow.
    public struct Filter: Sendable, Equatable {
        public var customerID: UUID?
        public var assigneeID: UUID?
        public var planID: UUID?
        public var status: FollowUpStatus?
        /// Tasks due strictly before this date.
        public var dueBefore: CalendarDay?
        /// Tasks due on or after this date.
        public var dueFrom: CalendarDay?

        public init(
            customerID: UUID? = nil, assigneeID: UUID? = nil, planID: UUID? = nil, status: FollowUpStatus? = nil,
            dueBefore: CalendarDay? = nil, dueFrom: CalendarDay? = nil
        ) {
            self.customerID = customerID
            self.assigneeID = assigneeID
            self.planID = planID
            self.status = status
            self.dueBefore = dueBefore
            self.dueFrom = dueFrom
        }

        func apply(to query: SQLSelectBuilder) -> SQLSelectBuilder {
            var query = query
            if let customerID { query = query.where("customer_id", .equal, customerID) }
            if let assigneeID { query = query.where("assignee_id", .equal, assigneeID) }
            if let planID { query = query.where("plan_id", .equal, planID) }
            if let status { query = query.where("status", .equal, status.rawValue) }
            if let dueBefore { query = query.where("due_on", .lessThan, dueBefore.description) }
            if let dueFrom { query = query.where("due_on", .greaterThanOrEqual, dueFrom.description) }
            return query
        }
    }

    /// Tasks matching `filter`, earliest due first, with their customer's name.
    public func list(_ filter: Filter, limit: Int, cursor: PageCursor?) async throws -> KefuCore.Page<FollowUpTask> {
        let page = try await filter.apply(to: db.sql.select().column("*").from("follow_up_tasks")).page(
            FollowUpTaskRow.self, column: "due_on", descending: false, limit: limit, cursor: cursor,
            key: { PageCursor(value: .text($0.due_on), id: $0.id) }, map: { $0 })
        let names = try await CustomerRepository.names(of: page.items.map(\.customer_id), on: db.sql)
        return KefuCore.Page(
            items: try page.items.map { try $0.task(customerName: names[$0.customer_id]) }, nextCursor: page.nextCursor)
    }

    /// The task, or `.notFound`.
    public func get(_ id: UUID) async throws -> FollowUpTask {
        try await Self.load(id, on: db.sql)
    }

    /// Counts of tasks per assignee, plan, status and outcome among those matching `filter`: what a manager's
    /// view (completion rate, outcomes, overdue by agent, per plan) is drawn from.
    public struct Count: Sendable, Equatable, Decodable {
        public var assigneeID: UUID?
        public var planID: UUID?
        public var status: FollowUpStatus
        public var outcome: FollowUpOutcome?
        public var tasks: Int

        enum CodingKeys: String, CodingKey {
            case assigneeID = "assignee_id"
            case planID = "plan_id"
            case status, outcome, tasks
        }
    }

    public func counts(_ filter: Filter) async throws -> [Count] {
        let query = db.sql.select().column("assignee_id").column("plan_id").column("status").column("outcome")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "tasks").from("follow_up_tasks")
        return try await filter.apply(to: query).groupBy("assignee_id").groupBy("plan_id").groupBy("status")
            .groupBy("outcome").all(decoding: Count.self)
    }

    /// Records `change` on task `id` (`FollowUpTaskChange.applied`). An `issue_found` outcome opens, in the same
    /// transaction, a `request` ticket for the customer on the step's channel, owned by the task's assignee (an
    /// agent's own task: them), and links it as the task's `ticket_id`. `role` is the actor's; who may change
    /// which task is the caller's check.
    public func update(_ id: UUID, with change: FollowUpTaskChange, role: Role, by attribution: Attribution)
        async throws -> FollowUpTask
    {
        let capacity = try await settings.get().serviceDesk.ticketCapacity
        return try await db.sqlTransaction { tx in
            let before = try await Self.load(id, on: tx, forUpdate: true)
            let applied = try DomainError.validating { try change.applied(to: before, now: attribution.now) }
            var after = applied.task
            guard after != before else { return before }
            if applied.opensTicket, let actor = attribution.userID {
                let draft = try TicketRepository.validated(
                    TicketDraft(
                        customerID: before.customerID, type: .request, channel: before.channel.ticketChannel,
                        subject: Self.ticketSubject(after), description: after.note ?? "",
                        ownerID: role == .agent ? nil : before.assigneeID), now: attribution.now)
                let ticket = try await TicketRepository.insert(
                    draft, creator: .staff(id: actor, role: role), capacity: capacity, on: tx, by: attribution)
                after.ticketID = ticket.id
            }
            try await tx.update("follow_up_tasks").set("status", to: after.status.rawValue)
                .set("outcome", to: after.outcome?.rawValue).set("note", to: after.note)
                .set("ticket_id", to: after.ticketID).set("completed_at", to: after.completedAt)
                .set("updated_at", to: after.updatedAt).where("id", .equal, id).run()
            if after.status != before.status || after.outcome != before.outcome {
                try await Self.outcomeRecorded(after, before: before, on: tx, by: attribution)
            }
            if after.status == .done, before.status != .done {
                try await SurveyAutoCSAT.schedule(.init(followUpTaskID: id), on: tx, now: attribution.now)
            }
            try await AuditLog.record(
                on: tx, attribution, action: "follow_up.updated", entityType: "follow_up", entityID: id.uuidString,
                changes: try AuditLog.diff(before: before, after: after))
            return after
        }
    }

    /// Where a task's status or outcome was recorded: its timeline event on the customer (`follow_up.completed`
    /// with the outcome, `follow_up.unreachable`, `follow_up.cancelled`) and its relationship-health event
    /// (`follow_up_satisfied`, `follow_up_unreachable`).
    static func outcomeRecorded(
        _ task: FollowUpTask, before: FollowUpTask, on tx: any SQLDatabase, by attribution: Attribution
    ) async throws {
        let kind: String
        switch task.status {
        case .done: kind = FollowUpEventKind.completed
        case .unreachable: kind = FollowUpEventKind.unreachable
        case .cancelled: kind = FollowUpEventKind.cancelled
        case .due: return
        }
        var data = ["follow_up_id": task.id.uuidString, "step": String(task.step)]
        data["outcome"] = task.outcome?.rawValue
        data["plan_id"] = task.planID?.uuidString
        data["ticket_id"] = task.ticketID?.uuidString
        try await Timeline.append(
            on: tx, customerID: task.customerID, kind: kind,
            summary: [task.channel.rawValue, task.outcome?.rawValue, task.note].compactMap { $0 }.joined(
                separator: " · "),
            data: data, attribution: attribution)
        try await HealthLedger.followUpRecorded(task, on: tx, now: attribution.now)
    }

    static func load(_ id: UUID, on sql: any SQLDatabase, forUpdate: Bool = false) async throws -> FollowUpTask {
        var query = sql.select().column("*").from("follow_up_tasks").where("id", .equal, id)
        if forUpdate { query = query.for(.update) }
        guard let row = try await query.first(decoding: FollowUpTaskRow.self) else {
            throw DomainError.notFound(entity: "follow_up", id: id.uuidString)
        }
        return try row.task()
    }

    /// The subject of the ticket an `issue_found` opens: the note's first line, or a plain phrase.
    private static func ticketSubject(_ task: FollowUpTask) -> String {
        let line = task.note?.split(separator: "\n").first.map(String.init) ?? ""
        let subject = line.isEmpty ? "Issue found on follow-up" : "Follow-up: " + line
        return String(subject.prefix(200))
    }
}

/// The timeline kinds of follow-up tasks.
public enum FollowUpEventKind {
    public static let completed = "follow_up.completed"
    public static let unreachable = "follow_up.unreachable"
    public static let cancelled = "follow_up.cancelled"
}
