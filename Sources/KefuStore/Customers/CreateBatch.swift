import Foundation
import KefuCore
import FluentKit
import SQLKit

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

/// Customer creates in a group commit (`GroupCommit`), written together: the batch's checks in a few
/// queries, then one multi-row insert per table for all of them, so one fsync serves many requests at
/// little cost per create. A create that fails its checks (unknown branch or account manager, a phone or email already
/// taken, also by an earlier create of the batch) fails alone.
///
/// Only what needs the database in order happens here; validation and encoding were done by each
/// request in its own task (`PreparedCreate`), on whichever core it ran.
enum CreateBatch: BatchWriter {
    static func write(
        _ requests: [PreparedCreate], on tx: any SQLDatabase
    ) async throws -> [Result<Customer, any Error>] {
        try await write(requests, on: tx, isRetry: false)
    }

    /// `isRetry`: the second try of a create whose batch failed to insert.
    private static func write(
        _ requests: [PreparedCreate], on tx: any SQLDatabase, isRetry: Bool
    ) async throws -> [Result<Customer, any Error>] {
        var results = [Result<Customer, any Error>?](repeating: nil, count: requests.count)
        let knownBranches = try await Self.existing(
            Set(requests.compactMap(\.profile.branchID)), in: "branches", on: tx)
        let activeUsers = try await Self.existing(
            Set(requests.compactMap(\.profile.accountManagerID)), in: "users", activeOnly: true, on: tx)
        let holders = try await Self.holders(of: requests.flatMap { $0.profile.phones + $0.profile.emails }, on: tx)
        var claimed: [String: UUID] = [:]
        var accepted: [Int] = []
        for (index, request) in requests.enumerated() {
            let profile = request.profile
            // Earlier creates of this batch hold their identities as the stored customers do.
            if let conflict = CustomerConflict.branch(of: profile, exists: knownBranches.contains)
                ?? CustomerConflict.accountManager(of: profile, isActive: activeUsers.contains)
                ?? CustomerConflict.identities(of: profile, for: nil, owner: { holders[$0] ?? claimed[$0] })
            {
                results[index] = .failure(conflict.domainError)
                continue
            }
            for value in profile.phones + profile.emails { claimed[value] = request.row.id }
            accepted.append(index)
        }
        if !accepted.isEmpty {
            switch try await tx.savepoint({ try await Self.insertRows(accepted.map { requests[$0] }, on: $0) }) {
            case .success:
                for index in accepted { results[index] = .success(requests[index].customer) }
            case .failure where !isRetry:
                // Another writer took an identity between our check and our insert: each create is
                // checked and written again on its own, so only the one that clashes fails.
                for index in accepted {
                    results[index] = try await write([requests[index]], on: tx, isRetry: true)[0]
                }
            case .failure(let error):
                for index in accepted { results[index] = .failure(error) }
            }
        }
        return results.map { $0 ?? .failure(StoreError.corrupt("create was not processed")) }
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
        if let now = accepted.first?.attribution.now {
            try await FollowUpTriggers.record(
                accepted.map { .customerCreated($0.row.id, at: $0.row.created_at) }, on: tx, now: now)
        }
    }

    /// Those of `ids` that are rows of `table` (with `activeOnly`, whose `active` is true).
    private static func existing(
        _ ids: Set<UUID>, in table: String, activeOnly: Bool = false, on sql: any SQLDatabase
    ) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        struct Row: Decodable { var id: UUID }
        var select = sql.select().column("id").from(table).where("id", .in, Array(ids))
        if activeOnly { select = select.where("active", .equal, true) }
        return Set(try await select.all(decoding: Row.self).map(\.id))
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
