public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// ABC remedies (002 §4.3.1): each category's ladder, the remedies asked for on complaints, and a
/// manager's decision on those waiting for approval.
public struct RemedyRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
    }

    /// A remedy with the plan text and compensation of its ladder when there was one.
    public struct Record: Sendable, Equatable {
        public var remedy: Remedy
        public var option: RemedyLadder.Option?
    }

    /// Replaces `category`'s ladder (the category is made when new).
    public func setLadder(
        _ input: RemedyLadder, category: String, by attribution: Attribution
    ) async throws -> RemedyLadder {
        let name = category.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200 else {
            throw DomainError.invalid([
                FieldError(field: "category", code: "invalid", message: "A category name of 1 to 200 characters.")
            ])
        }
        let ladder: RemedyLadder
        do throws(ValidationFailure) {
            ladder = try input.validated()
        } catch {
            throw DomainError.invalid(error)
        }
        try await db.sqlTransaction { tx in
            let categoryID = try await ComplaintRepository.categoryID(named: name, on: tx, creatingAt: attribution.now)
            try await tx.delete(from: "remedy_ladders").where("category_id", .equal, categoryID).run()
            for (plan, option) in ladder.plans.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                try await tx.insert(into: "remedy_ladders").columns("category_id", "plan", "text", "compensation")
                    .values(
                        SQLBind(categoryID), SQLBind(plan.rawValue), SQLBind(option.text),
                        SQLBind(option.compensation.map(Int64.init))
                    ).run()
            }
            try await AuditLog.record(
                on: tx, attribution, action: "remedy_ladder.set", entityType: "complaint_category", entityID: name,
                changes: ["plans": .init(before: nil, after: ladder.plans.keys.map(\.rawValue).sorted().joined())])
        }
        return ladder
    }

    /// Asks for `plan` on the complaint: A is applied at once, B and C wait for a manager. The plan comes
    /// from the ladder of the root cause's category; without one it is recorded with the note alone.
    public func request(
        _ plan: RemedyPlan, note: String?, on ticketID: UUID, by attribution: Attribution
    ) async throws -> Record {
        guard let staff = attribution.userID else { throw DomainError.notFound(entity: "user", id: "") }
        return try await db.sqlTransaction { tx in
            let ticket = try await TicketRepository.load(ticketID, on: tx)
            let remedy = try Remedy.request(
                id: TimeOrderedID.next(now: attribution.now), plan: plan, on: ticket, by: staff, note: note,
                now: attribution.now)
            let option = try await Self.option(plan, for: ticketID, on: tx)
            try await tx.insert(into: "remedies").model(RemedyRow(remedy, option: option)).run()
            try await Self.record(remedy, of: ticket, on: tx, by: attribution)
            return Record(remedy: remedy, option: option)
        }
    }

    /// A manager approves or declines a remedy waiting for approval (a decline says why).
    public func decide(
        _ id: UUID, _ decision: Remedy.Decision, role: Role, by attribution: Attribution
    ) async throws -> Record {
        guard let staff = attribution.userID else { throw DomainError.notFound(entity: "user", id: "") }
        return try await db.sqlTransaction { tx in
            guard
                let row = try await tx.select().column("*").from("remedies").where("id", .equal, id)
                    .first(decoding: RemedyRow.self)
            else { throw DomainError.notFound(entity: "remedy", id: id.uuidString) }
            var remedy = try row.remedy()
            try remedy.decide(decision, by: staff, role: role, now: attribution.now)
            try await tx.update("remedies").set("status", to: remedy.status.rawValue)
                .set("decided_by_id", to: remedy.decidedByID).set("decision_note", to: remedy.decisionNote)
                .set("decided_at", to: remedy.decidedAt).where("id", .equal, id).run()
            let ticket = try await TicketRepository.load(remedy.ticketID, on: tx)
            try await Self.record(remedy, of: ticket, on: tx, by: attribution)
            return Record(remedy: remedy, option: row.option)
        }
    }

    /// Remedies in `status` (the approvals list: `pending_approval`) or of one ticket, oldest first.
    public func list(status: RemedyStatus?, ticketID: UUID? = nil) async throws -> [Record] {
        var query = db.sql.select().column("*").from("remedies")
        if let status { query = query.where("status", .equal, status.rawValue) }
        if let ticketID { query = query.where("ticket_id", .equal, ticketID) }
        return try await query.orderBy("requested_at").orderBy("id").limit(200).all(decoding: RemedyRow.self)
            .map { Record(remedy: try $0.remedy(), option: $0.option) }
    }

    /// The ladder option of `plan` in the category of the complaint's recorded root cause, if any.
    private static func option(
        _ plan: RemedyPlan, for ticketID: UUID, on tx: any SQLDatabase
    ) async throws -> RemedyLadder.Option? {
        struct Row: Decodable {
            var text: String
            var compensation: Int64?
        }
        let row = try await tx.raw(
            """
            SELECT l.text, l.compensation FROM complaint_steps s
            JOIN complaint_causes c ON c.id = s.cause_id
            JOIN remedy_ladders l ON l.category_id = c.category_id AND l.plan = \(bind: plan.rawValue)
            WHERE s.ticket_id = \(bind: ticketID) AND s.step = 'root_cause'
            """
        ).first(decoding: Row.self)
        return row.map { RemedyLadder.Option(text: $0.text, compensation: $0.compensation.map { Int($0) }) }
    }

    /// The remedy's timeline event, audit row and notifications: the approvers while it waits, its requester
    /// once decided.
    private static func record(
        _ remedy: Remedy, of ticket: Ticket, on tx: any SQLDatabase, by attribution: Attribution
    ) async throws {
        try await TicketRepository.event(
            ticket, kind: TicketEventKind.remedy,
            summary: "\(ticket.number) \(remedy.plan.rawValue) \(remedy.status.rawValue)",
            data: ["plan": remedy.plan.rawValue, "status": remedy.status.rawValue], on: tx, by: attribution)
        try await AuditLog.record(
            on: tx, attribution, action: "remedy." + remedy.status.rawValue, entityType: "remedy",
            entityID: remedy.id.uuidString, changes: ["status": .init(before: nil, after: remedy.status.rawValue)])
        let approvers = remedy.status == .pendingApproval ? try await NotificationRepository.approvers(on: tx) : []
        var params = ["plan": remedy.plan.rawValue]
        if remedy.decidedAt != nil { params[StaffNotification.outcome] = remedy.status.rawValue }
        try await TicketRepository.notify(
            remedy.recipients(approvers: approvers), about: ticket,
            subject: .init(type: "remedy", id: remedy.id, link: "/tickets/\(ticket.id.uuidString)"), params: params,
            on: tx, by: attribution)
    }
}

/// A `remedies` row.
struct RemedyRow: Codable {
    var id: UUID
    var ticket_id: UUID
    var plan: String
    var status: String
    var requested_by_id: UUID
    var note: String?
    var text: String?
    var compensation: Int64?
    var requested_at: Date
    var decided_by_id: UUID?
    var decision_note: String?
    var decided_at: Date?

    init(_ remedy: Remedy, option: RemedyLadder.Option?) {
        id = remedy.id
        ticket_id = remedy.ticketID
        plan = remedy.plan.rawValue
        status = remedy.status.rawValue
        requested_by_id = remedy.requestedByID
        note = remedy.note
        text = option?.text
        compensation = option?.compensation.map(Int64.init)
        requested_at = remedy.requestedAt
        decided_by_id = remedy.decidedByID
        decision_note = remedy.decisionNote
        decided_at = remedy.decidedAt
    }

    var option: RemedyLadder.Option? {
        text.map { RemedyLadder.Option(text: $0, compensation: compensation.map { Int($0) }) }
    }

    func remedy() throws -> Remedy {
        guard let plan = RemedyPlan(rawValue: plan), let status = RemedyStatus(rawValue: status) else {
            throw StoreError.corrupt("remedy \(id) has a value outside its enumeration")
        }
        return Remedy(
            id: id, ticketID: ticket_id, plan: plan, status: status, requestedByID: requested_by_id, note: note,
            requestedAt: requested_at, decidedByID: decided_by_id, decisionNote: decision_note,
            decidedAt: decided_at)
    }
}
