import Foundation
import KefuCore
import FluentKit
import SQLKit

/// Group commit for customer creates. Concurrent creates queue up while a transaction is being
/// committed and are then written together in the next one, with multi-row inserts: one fsync
/// serves many requests, yet each request is answered only after its own row has committed.
/// A request that fails (unknown branch, a phone or email already taken) fails alone.
///
/// Only what needs the database in order happens here; validation and encoding were done by each
/// request in its own task (`PreparedCreate`), on whichever core it ran.
actor CustomerCreateQueue {
    private struct Pending {
        let create: PreparedCreate
        let continuation: CheckedContinuation<Customer, any Error>
    }

    private var pending: [Pending] = []
    private var draining = false
    private let database: @Sendable () -> any Database

    var waiting: Int { pending.count }

    init(database: @escaping @Sendable () -> any Database) {
        self.database = database
    }

    func create(_ create: PreparedCreate) async throws -> Customer {
        try await withCheckedThrowingContinuation { continuation in
            pending.append(Pending(create: create, continuation: continuation))
            if !draining {
                draining = true
                // Every waiting request depends on the writer: let it run before new requests' work.
                Task(priority: .high) { await drain() }
            }
        }
    }

    /// Writes batches until no request is waiting; requests arriving meanwhile join the next batch.
    private func drain() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            let results = await CreateBatch(requests: batch.map(\.create)).write(on: database())
            for (request, result) in zip(batch, results) { request.continuation.resume(with: result) }
        }
        draining = false
    }
}

/// A validated customer with every row its creation writes, made in the request's own task.
struct PreparedCreate: Sendable {
    var profile: CustomerProfile
    let row: CustomerRow
    let event: Timeline.Row
    let audit: AuditLog.Row
    let attribution: Attribution

    /// `profile` must be validated already.
    init(validated profile: CustomerProfile, by attribution: Attribution) throws {
        let id = TimeOrderedID.next(now: attribution.now)
        self.profile = profile
        self.attribution = attribution
        row = try CustomerRow(
            id: id, profile: profile, searchExtra: [], createdAt: attribution.now, updatedAt: attribution.now)
        event = Timeline.Row(
            id: TimeOrderedID.next(now: attribution.now), customer_id: id, kind: CustomerEventKind.created,
            summary: "Customer created", data: "{}", actor_id: attribution.userID, occurred_at: attribution.now)
        audit = try AuditLog.row(
            attribution, action: CustomerEventKind.created, entityType: "customer",
            entityID: id.uuidString, changes: AuditLog.creation(profileJSON: row.profile))
    }

    /// The customer as stored (the branch column and the profile agree for a new row).
    var customer: Customer {
        Customer(id: row.id, profile: profile, createdAt: row.created_at, updatedAt: row.updated_at)
    }
}

/// One group-committed batch of creates.
struct CreateBatch {
    let requests: [PreparedCreate]
    /// True for the second try of a create whose batch failed to insert.
    var isRetry = false

    /// One result per request, in order.
    func write(on db: any Database) async -> [Result<Customer, any Error>] {
        var results = [Result<Customer, any Error>?](repeating: nil, count: requests.count)
        do {
            let sql = db.sql
            let knownBranches = try await Self.existingBranches(Set(requests.compactMap(\.profile.branchID)), on: sql)
            let holders = try await Self.holders(
                of: requests.flatMap { $0.profile.phones + $0.profile.emails }, on: sql)
            var claimed: [String: UUID] = [:]
            var accepted: [Int] = []
            for (index, request) in requests.enumerated() {
                let profile = request.profile
                // Earlier creates of this batch hold their identities as the stored customers do.
                if let conflict = CustomerConflict.branch(of: profile, exists: knownBranches.contains)
                    ?? CustomerConflict.identities(of: profile, for: nil, owner: { holders[$0] ?? claimed[$0] })
                {
                    results[index] = .failure(conflict.domainError)
                    continue
                }
                for value in profile.phones + profile.emails { claimed[value] = request.row.id }
                accepted.append(index)
            }
            if !accepted.isEmpty {
                do {
                    try await insert(accepted.map { requests[$0] }, on: db)
                    for index in accepted { results[index] = .success(requests[index].customer) }
                } catch  where !isRetry {
                    // Another writer took an identity between our check and our insert: each create is
                    // checked and written again in a batch of its own, so only the one that clashes fails.
                    for index in accepted {
                        results[index] = await CreateBatch(requests: [requests[index]], isRetry: true).write(on: db)[0]
                    }
                }
            }
        } catch {
            for index in results.indices where results[index] == nil { results[index] = .failure(error) }
        }
        return results.map { $0 ?? .failure(StoreError.corrupt("create was not processed")) }
    }

    /// All rows of the batch in one transaction, each table in one multi-row statement.
    private func insert(_ accepted: [PreparedCreate], on db: any Database) async throws {
        try await db.sqlTransaction { tx in try await Self.insertRows(accepted, on: tx) }
    }

    /// The rows of checked creates, in the caller's transaction (also the public form's, which makes its
    /// customer and ticket together).
    static func insertRows(_ accepted: [PreparedCreate], on tx: any SQLDatabase) async throws {
        try await tx.insertAll(into: "customers", accepted.map(\.row))
        try await tx.insertAll(
            into: "customer_identities",
            accepted.flatMap { IdentityRow.rows(of: $0.profile, for: $0.row.id) })
        try await tx.insertAll(
            into: "customer_tags", accepted.flatMap { TagRow.rows(of: $0.profile.tags, for: $0.row.id) })
        try await tx.insertAll(into: "timeline_events", accepted.map(\.event))
        try await tx.insertAll(into: "audit_log", accepted.map(\.audit))
    }

    private static func existingBranches(_ ids: Set<UUID>, on sql: any SQLDatabase) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        struct Row: Decodable { var id: UUID }
        return Set(
            try await sql.select().column("id").from("branches").where("id", .in, Array(ids)).all(decoding: Row.self)
                .map(\.id))
    }

    private static func holders(of values: [String], on sql: any SQLDatabase) async throws -> [String: UUID] {
        var holders: [String: UUID] = [:]
        for chunk in values.chunked(into: 500) {
            for row in try await sql.select().column("*").from("customer_identities").where("value", .in, Array(chunk))
                .all(decoding: IdentityRow.self)
            {
                holders[row.value] = row.customer_id
            }
        }
        return holders
    }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

extension SQLDatabase {
    /// Multi-row INSERT of encodable rows, split to stay under the engines' bound-parameter limits.
    func insertAll<Row: Encodable & Sendable>(into table: String, _ rows: [Row], rowsPerStatement: Int = 200)
        async throws
    {
        for chunk in rows.chunked(into: rowsPerStatement) where !chunk.isEmpty {
            try await insert(into: table).models(Array(chunk)).run()
        }
    }
}
