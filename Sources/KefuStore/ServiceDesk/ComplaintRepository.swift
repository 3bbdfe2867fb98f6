public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// The complaint protocol in the store: the root-cause taxonomy and each complaint's recorded steps.
public struct ComplaintRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
    }

    /// Every cause, by category and name.
    public func causes() async throws -> [ComplaintCause] {
        try await Self.causes(on: db.sql)
    }

    private static func causes(on sql: any SQLDatabase, id: UUID? = nil) async throws -> [ComplaintCause] {
        struct Row: Decodable {
            var id: UUID
            var category: String
            var name: String
            var name_en: String?
        }
        var query = sql.select().column(SQLColumn("id", table: "c")).column(SQLColumn("name", table: "c"))
            .column(SQLColumn("name_en", table: "c"))
            .column(SQLAlias(SQLColumn("name", table: "g"), as: SQLIdentifier("category")))
            .from(SQLAlias(SQLIdentifier("complaint_causes"), as: SQLIdentifier("c")))
            .join(
                SQLAlias(SQLIdentifier("complaint_categories"), as: SQLIdentifier("g")), method: SQLJoinMethod.inner,
                on: SQLColumn("id", table: "g"), .equal, SQLColumn("category_id", table: "c"))
        if let id { query = query.where(SQLColumn("id", table: "c"), .equal, SQLBind(id)) }
        return try await query.orderBy(SQLColumn("name", table: "g")).orderBy(SQLColumn("name", table: "c"))
            .all(decoding: Row.self)
            .map { ComplaintCause(id: $0.id, category: $0.category, name: $0.name, nameEN: $0.name_en) }
    }

    /// A new cause in `category`, which is created when new; the same name twice in one category is a 409.
    public func addCause(
        category: String, name: String, nameEN: String?, by attribution: Attribution
    ) async throws -> ComplaintCause {
        let names: (category: String, name: String, nameEN: String?)
        do throws(ValidationFailure) {
            names = try ComplaintCause.validatedNames(category: category, name: name, nameEN: nameEN)
        } catch {
            throw DomainError.invalid(error)
        }
        let (category, name, nameEN) = names
        return try await db.sqlTransaction { tx in
            let categoryID = try await Self.categoryID(named: category, on: tx, creatingAt: attribution.now)
            let taken = try await tx.select().column("id").from("complaint_causes")
                .where("category_id", .equal, categoryID).where("name", .equal, name).first()
            guard taken == nil else {
                throw DomainError.conflict(
                    message: "\"\(name)\" is already a cause in \(category).", field: "name", conflictingID: nil)
            }
            let id = TimeOrderedID.next(now: attribution.now)
            try await tx.insert(into: "complaint_causes").columns("id", "category_id", "name", "name_en", "created_at")
                .values(SQLBind(id), SQLBind(categoryID), SQLBind(name), SQLBind(nameEN), SQLBind(attribution.now))
                .run()
            try await AuditLog.record(
                on: tx, attribution, action: "complaint_cause.created", entityType: "complaint_cause",
                entityID: id.uuidString, changes: ["name": .init(before: nil, after: name)])
            return ComplaintCause(id: id, category: category, name: name, nameEN: nameEN)
        }
    }

    /// The complaint's recorded steps; a ticket that is not a complaint is a 409.
    public func record(of ticketID: UUID) async throws -> ComplaintRecord {
        let sql = db.sql
        let ticket = try await TicketRepository.load(ticketID, on: sql)
        guard ticket.type == .complaint else { throw ServiceDeskError.notAComplaint }
        return try await Self.load(ticketID, on: sql)
    }

    /// Records `step` (again, when it was: the latest word counts) on an open complaint.
    public func record(
        _ step: ComplaintStep, _ input: ComplaintStepInput, on ticketID: UUID, by attribution: Attribution
    ) async throws -> ComplaintRecord {
        guard let staff = attribution.userID else { throw DomainError.notFound(entity: "user", id: "") }
        return try await db.sqlTransaction { tx in
            let ticket = try await TicketRepository.load(ticketID, on: tx)
            try TicketLifecycle.ensureComplaint(ticket)
            var record = try await Self.load(ticketID, on: tx)
            try record.record(step, input, by: staff, at: attribution.now)
            if let cause = input.causeID, try await Self.causes(on: tx, id: cause).isEmpty {
                throw DomainError.invalid([
                    FieldError(field: "cause_id", code: "unknown_cause", message: "No such cause.")
                ])
            }
            guard let saved = record.steps[step] else { return record }
            try await tx.delete(from: "complaint_steps").where("ticket_id", .equal, ticketID)
                .where("step", .equal, step.rawValue).run()
            try await tx.insert(into: "complaint_steps")
                .columns("ticket_id", "step", "by_id", "recorded_at", "note", "cause_id", "listened_seconds")
                .values(
                    SQLBind(ticketID), SQLBind(step.rawValue), SQLBind(saved.byID), SQLBind(saved.recordedAt),
                    SQLBind(saved.note), SQLBind(saved.causeID), SQLBind(saved.listenedSeconds.map(Int64.init))
                ).run()
            try await AuditLog.record(
                on: tx, attribution, action: "complaint.step_recorded", entityType: "ticket",
                entityID: ticketID.uuidString, changes: [step.rawValue: .init(before: nil, after: saved.note)])
            return record
        }
    }

    /// The category named `name`, made now when there is none.
    static func categoryID(named name: String, on tx: any SQLDatabase, creatingAt now: Date) async throws -> UUID {
        struct Row: Decodable { var id: UUID }
        if let found = try await tx.select().column("id").from("complaint_categories").where("name", .equal, name)
            .first(decoding: Row.self)
        {
            return found.id
        }
        let id = TimeOrderedID.next(now: now)
        try await tx.insert(into: "complaint_categories").columns("id", "name", "created_at")
            .values(SQLBind(id), SQLBind(name), SQLBind(now)).run()
        return id
    }

    static func load(_ ticketID: UUID, on sql: any SQLDatabase) async throws -> ComplaintRecord {
        struct Row: Decodable {
            var step: String
            var by_id: UUID
            var recorded_at: Date
            var note: String
            var cause_id: UUID?
            var listened_seconds: Int64?
        }
        let rows = try await sql.select().column("*").from("complaint_steps").where("ticket_id", .equal, ticketID)
            .all(decoding: Row.self)
        var record = ComplaintRecord()
        for row in rows {
            guard let step = ComplaintStep(rawValue: row.step) else {
                throw StoreError.corrupt("complaint step \(row.step) of ticket \(ticketID)")
            }
            record.steps[step] = ComplaintStepRecord(
                byID: row.by_id, recordedAt: row.recorded_at, note: row.note, causeID: row.cause_id,
                listenedSeconds: row.listened_seconds.map { Int($0) })
        }
        return record
    }
}
