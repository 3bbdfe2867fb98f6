public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Services and counters of the branches' queues.
extension QueueSetupRepository {
    /// Makes a service at the branch (an unknown branch is a 400 naming `branch_id`; a prefix the branch uses
    /// already, a 409 naming `prefix`).
    public func createService(branchID: UUID, _ input: QueueService.Input, by attribution: Attribution) async throws
        -> QueueService
    {
        let input = try Self.valid(input)
        return try await writes.write { tx in
            try await Self.requireBranch(branchID, on: tx, field: "branch_id")
            let row = QueueRows.Service(
                id: TimeOrderedID.next(now: attribution.now), branch_id: branchID, name: input.name,
                name_en: input.nameEn, prefix: input.prefix, expected_service_minutes: input.expectedServiceMinutes,
                target_wait_minutes: input.targetWaitMinutes, active: input.active, created_at: attribution.now,
                updated_at: attribution.now)
            try await Self.requireFreePrefix(input.prefix, branchID: branchID, except: nil, on: tx)
            try await tx.insert(into: "queue_services").model(row).run()
            try await AuditLog.record(
                on: tx, attribution, action: "queue.service.create", entityType: "queue_service",
                entityID: row.id.uuidString, changes: try AuditLog.diff(before: nil as QueueRows.Service?, after: row))
            return row.service
        }
    }

    /// Replaces a service's fields.
    public func updateService(_ id: UUID, _ input: QueueService.Input, by attribution: Attribution) async throws
        -> QueueService
    {
        let input = try Self.valid(input)
        return try await writes.write { tx in
            let old = try await Self.serviceRow(id, on: tx)
            var row = old
            row.name = input.name
            row.name_en = input.nameEn
            row.prefix = input.prefix
            row.expected_service_minutes = input.expectedServiceMinutes
            row.target_wait_minutes = input.targetWaitMinutes
            row.active = input.active
            row.updated_at = attribution.now
            try await Self.requireFreePrefix(input.prefix, branchID: row.branch_id, except: id, on: tx)
            try await tx.update("queue_services").set("name", to: row.name).set("name_en", to: row.name_en)
                .set("prefix", to: row.prefix).set("expected_service_minutes", to: row.expected_service_minutes)
                .set("target_wait_minutes", to: row.target_wait_minutes).set("active", to: row.active)
                .set("updated_at", to: row.updated_at).where("id", .equal, id).run()
            try await AuditLog.record(
                on: tx, attribution, action: "queue.service.update", entityType: "queue_service",
                entityID: id.uuidString, changes: try AuditLog.diff(before: old, after: row))
            return row.service
        }
    }

    public func service(_ id: UUID) async throws -> QueueService {
        try await Self.serviceRow(id, on: db.sql).service
    }

    /// Services, of one branch or all, by branch then prefix.
    public func services(branchID: UUID?, limit: Int, cursor: PageCursor?) async throws -> KefuCore.Page<QueueService> {
        var query = db.sql.select().column("*").from("queue_services")
        if let branchID { query = query.where("branch_id", .equal, branchID) }
        return try await query.page(
            QueueRows.Service.self, column: "created_at", descending: false, limit: limit, cursor: cursor,
            key: { PageCursor(value: .date($0.created_at), id: $0.id) }, map: \.service)
    }

    /// Makes a counter at the branch serving `serviceIDs` (each a service of that branch, else a 400 naming
    /// `service_ids[i]`); it starts closed with nobody at it.
    public func createCounter(branchID: UUID, name: String, serviceIDs: [UUID], by attribution: Attribution)
        async throws -> QueueCounter
    {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let errors = QueueCounter.validationErrors(name: name, serviceIDs: serviceIDs)
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        return try await writes.write { tx in
            try await Self.requireBranch(branchID, on: tx, field: "branch_id")
            try await Self.requireServices(serviceIDs, of: branchID, on: tx)
            let counter = QueueCounter(
                id: TimeOrderedID.next(now: attribution.now), branchID: branchID, name: name, serviceIDs: serviceIDs,
                open: false, agentID: nil, createdAt: attribution.now, updatedAt: attribution.now)
            try await Self.requireFreeCounterName(name, branchID: branchID, except: nil, on: tx)
            let row = try QueueRows.Counter(counter)
            try await tx.insert(into: "queue_counters").model(row).run()
            try await AuditLog.record(
                on: tx, attribution, action: "queue.counter.create", entityType: "queue_counter",
                entityID: counter.id.uuidString,
                changes: try AuditLog.diff(before: nil as QueueRows.Counter?, after: row))
            return counter
        }
    }

    /// What may change on a counter: nil leaves a field as it is; `clearAgent` leaves the counter unattended.
    public struct CounterChange: Sendable {
        public var name: String?
        public var serviceIDs: [UUID]?
        public var open: Bool?
        public var agentID: UUID?
        public var clearAgent = false

        public init(
            name: String? = nil, serviceIDs: [UUID]? = nil, open: Bool? = nil, agentID: UUID? = nil,
            clearAgent: Bool = false
        ) {
            self.name = name
            self.serviceIDs = serviceIDs
            self.open = open
            self.agentID = agentID
            self.clearAgent = clearAgent
        }
    }

    /// Renames, re-lists, opens or closes a counter, or names the agent at it (an active staff user).
    public func updateCounter(_ id: UUID, _ change: CounterChange, by attribution: Attribution) async throws
        -> QueueCounter
    {
        try await writes.write { tx in
            let old = try await Self.counterRow(id, on: tx)
            var counter = try old.counter
            if let name = change.name { counter.name = name.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let serviceIDs = change.serviceIDs { counter.serviceIDs = serviceIDs }
            if let open = change.open { counter.open = open }
            if let agentID = change.agentID {
                try await Self.requireStaff(agentID, on: tx)
                counter.agentID = agentID
            } else if change.clearAgent {
                counter.agentID = nil
            }
            counter.updatedAt = attribution.now
            let errors = QueueCounter.validationErrors(name: counter.name, serviceIDs: counter.serviceIDs)
            guard errors.isEmpty else { throw DomainError.invalid(errors) }
            if change.serviceIDs != nil {
                try await Self.requireServices(counter.serviceIDs, of: counter.branchID, on: tx)
            }
            try await Self.requireFreeCounterName(counter.name, branchID: counter.branchID, except: id, on: tx)
            let row = try QueueRows.Counter(counter)
            try await tx.update("queue_counters").set("name", to: row.name).set("service_ids", to: row.service_ids)
                .set("open", to: row.open).set("agent_id", to: row.agent_id).set("updated_at", to: row.updated_at)
                .where("id", .equal, id).run()
            try await AuditLog.record(
                on: tx, attribution, action: "queue.counter.update", entityType: "queue_counter",
                entityID: id.uuidString, changes: try AuditLog.diff(before: old, after: row))
            return counter
        }
    }

    public func counter(_ id: UUID) async throws -> QueueCounter {
        try await Self.counterRow(id, on: db.sql).counter
    }

    /// Counters, of one branch or all, by branch then name.
    public func counters(branchID: UUID?, limit: Int, cursor: PageCursor?) async throws -> KefuCore.Page<QueueCounter> {
        var query = db.sql.select().column("*").from("queue_counters")
        if let branchID { query = query.where("branch_id", .equal, branchID) }
        return try await query.page(
            QueueRows.Counter.self, column: "created_at", descending: false, limit: limit, cursor: cursor,
            key: { PageCursor(value: .date($0.created_at), id: $0.id) }, map: { try $0.counter })
    }

    // MARK: Checks

    private static func valid(_ input: QueueService.Input) throws -> QueueService.Input {
        do {
            return try input.validated()
        } catch {
            throw DomainError.invalid(error.errors)
        }
    }

    static func serviceRow(_ id: UUID, on sql: any SQLDatabase) async throws -> QueueRows.Service {
        guard
            let row = try await sql.select().column("*").from("queue_services").where("id", .equal, id)
                .first(decoding: QueueRows.Service.self)
        else { throw DomainError.notFound(entity: "queue_service", id: id.uuidString) }
        return row
    }

    static func counterRow(_ id: UUID, on sql: any SQLDatabase) async throws -> QueueRows.Counter {
        guard
            let row = try await sql.select().column("*").from("queue_counters").where("id", .equal, id)
                .first(decoding: QueueRows.Counter.self)
        else { throw DomainError.notFound(entity: "queue_counter", id: id.uuidString) }
        return row
    }

    private static func requireFreePrefix(_ prefix: String, branchID: UUID, except: UUID?, on sql: any SQLDatabase)
        async throws
    {
        struct Found: Decodable { var id: UUID }
        let found = try await sql.select().column("id").from("queue_services").where("branch_id", .equal, branchID)
            .where("prefix", .equal, prefix).first(decoding: Found.self)
        if let found, found.id != except {
            throw DomainError.conflict(
                message: "Another service of this branch uses the prefix \(prefix).", field: "prefix",
                conflictingID: found.id)
        }
    }

    private static func requireFreeCounterName(_ name: String, branchID: UUID, except: UUID?, on sql: any SQLDatabase)
        async throws
    {
        struct Found: Decodable { var id: UUID }
        let found = try await sql.select().column("id").from("queue_counters").where("branch_id", .equal, branchID)
            .where("name", .equal, name).first(decoding: Found.self)
        if let found, found.id != except {
            throw DomainError.conflict(
                message: "Another counter of this branch is called \(name).", field: "name", conflictingID: found.id)
        }
    }

    private static func requireServices(_ ids: [UUID], of branchID: UUID, on sql: any SQLDatabase) async throws {
        struct Found: Decodable { var id: UUID }
        let found = Set(
            try await sql.select().column("id").from("queue_services").where("branch_id", .equal, branchID)
                .where("id", .in, ids).all(decoding: Found.self).map(\.id))
        let errors = ids.enumerated().filter { !found.contains($0.element) }.map {
            FieldError(
                field: "service_ids[\($0.offset)]", code: "unknown_service", message: "No such service at this branch.")
        }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
    }

    private static func requireStaff(_ userID: UUID, on sql: any SQLDatabase) async throws {
        guard try await TicketReferences.isActiveStaff(userID, on: sql) else {
            throw DomainError.invalid([
                FieldError(field: "agent_id", code: "unknown_user", message: "No active staff user has this id.")
            ])
        }
    }
}
