import Foundation
import KefuCore
import FluentKit
import SQLKit

/// Group commit for customer creates. Concurrent creates queue up while a transaction is being
/// committed and are then written together in the next one, with multi-row inserts: one fsync
/// serves many requests, yet each request is answered only after its own row has committed.
/// A request that fails (validation, unknown branch, a phone or email already taken) fails alone.
actor CustomerCreateQueue {
    private struct Pending {
        let profile: CustomerProfile
        let attribution: Attribution
        let continuation: CheckedContinuation<Customer, any Error>
    }

    private var pending: [Pending] = []
    private var draining = false
    private let database: @Sendable () -> any Database

    var waiting: Int { pending.count }

    init(database: @escaping @Sendable () -> any Database) {
        self.database = database
    }

    func create(_ profile: CustomerProfile, by attribution: Attribution) async throws -> Customer {
        try await withCheckedThrowingContinuation { continuation in
            pending.append(Pending(profile: profile, attribution: attribution, continuation: continuation))
            if !draining {
                draining = true
                Task { await drain() }
            }
        }
    }

    /// Writes batches until no request is waiting; requests arriving meanwhile join the next batch.
    private func drain() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            let results = await CreateBatch(requests: batch.map { ($0.profile, $0.attribution) }).write(on: database())
            for (request, result) in zip(batch, results) { request.continuation.resume(with: result) }
        }
        draining = false
    }
}

/// One group-committed batch of creates.
struct CreateBatch {
    let requests: [(profile: CustomerProfile, attribution: Attribution)]

    /// One result per request, in order.
    func write(on db: any Database) async -> [Result<Customer, any Error>] {
        var results = [Result<Customer, any Error>?](repeating: nil, count: requests.count)
        do {
            let rules = try await SettingsRepository(db: db).get().customerRules
            var accepted: [(index: Int, row: CustomerRow, profile: CustomerProfile)] = []
            var profiles: [Int: CustomerProfile] = [:]
            for (index, request) in requests.enumerated() {
                do {
                    profiles[index] = try request.profile.validated(under: rules)
                } catch {
                    results[index] = .failure(DomainError.invalid(error))
                }
            }
            let sql = db.sql
            let knownBranches = try await Self.existingBranches(Set(profiles.values.compactMap(\.branchID)), on: sql)
            let holders = try await Self.holders(of: profiles.values.flatMap { $0.phones + $0.emails }, on: sql)
            var claimed: [String: UUID] = [:]
            for index in requests.indices {
                guard let profile = profiles[index] else { continue }
                if let branch = profile.branchID, !knownBranches.contains(branch) {
                    results[index] = .failure(DomainError.invalid([FieldError(field: "branch_id", code: "unknown_branch",
                                                                              message: "No such branch.")]))
                    continue
                }
                let identities = profile.phones.map { ($0, "phones") } + profile.emails.map { ($0, "emails") }
                if let (value, field) = identities.first(where: { holders[$0.0] != nil || claimed[$0.0] != nil }) {
                    let owner = holders[value] ?? claimed[value]!
                    results[index] = .failure(DomainError.conflict(message: "\(value) already belongs to customer \(owner.uuidString).",
                                                                   field: field, conflictingID: owner))
                    continue
                }
                let id = UUID()
                for (value, _) in identities { claimed[value] = id }
                let now = requests[index].attribution.now
                accepted.append((index, try CustomerRow(id: id, profile: profile, searchExtra: [], createdAt: now, updatedAt: now),
                                 profile))
            }
            if !accepted.isEmpty {
                do {
                    try await insert(accepted, on: db)
                    for item in accepted { results[item.index] = .success(try item.row.customer()) }
                } catch {
                    // Another writer took an identity between our check and our insert: retry one by one.
                    for item in accepted {
                        results[item.index] = await Result {
                            try await db.sqlTransaction { tx in
                                try await CustomerRepository.insert(item.profile, id: item.row.id, on: tx,
                                                                    by: requests[item.index].attribution,
                                                                    event: CustomerEventKind.created, summary: "Customer created")
                            }
                        }
                    }
                }
            }
        } catch {
            for index in results.indices where results[index] == nil { results[index] = .failure(error) }
        }
        return results.map { $0 ?? .failure(StoreError.corrupt("create was not processed")) }
    }

    /// All rows of the batch in one transaction, each table in one multi-row statement.
    private func insert(_ accepted: [(index: Int, row: CustomerRow, profile: CustomerProfile)], on db: any Database) async throws {
        var identities: [IdentityRow] = []
        var tags: [TagRow] = []
        var events: [Timeline.Row] = []
        var audits: [AuditLog.Row] = []
        for item in accepted {
            let id = item.row.id
            identities += item.profile.phones.map { IdentityRow(value: $0, customer_id: id, kind: "phone") }
            identities += item.profile.emails.map { IdentityRow(value: $0, customer_id: id, kind: "email") }
            tags += item.profile.tags.map { TagRow(customer_id: id, tag_key: $0.lowercased()) }
            let attribution = requests[item.index].attribution
            events.append(Timeline.Row(id: UUID(), customer_id: id, kind: CustomerEventKind.created, summary: "Customer created",
                                       data: "{}", actor_id: attribution.userID, occurred_at: attribution.now))
            audits.append(try AuditLog.row(attribution, action: CustomerEventKind.created, entityType: "customer",
                                           entityID: id.uuidString,
                                           changes: AuditLog.creation(profileJSON: item.row.profile)))
        }
        let customers = accepted.map(\.row)
        let finalIdentities = identities, finalTags = tags, finalEvents = events, finalAudits = audits
        try await db.sqlTransaction { tx in
            try await tx.insertAll(into: "customers", customers)
            try await tx.insertAll(into: "customer_identities", finalIdentities)
            try await tx.insertAll(into: "customer_tags", finalTags)
            try await tx.insertAll(into: "timeline_events", finalEvents)
            try await tx.insertAll(into: "audit_log", finalAudits)
        }
    }

    private static func existingBranches(_ ids: Set<UUID>, on sql: any SQLDatabase) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        struct Row: Decodable { var id: UUID }
        return Set(try await sql.select().column("id").from("branches").where("id", .in, Array(ids)).all(decoding: Row.self).map(\.id))
    }

    private static func holders(of values: [String], on sql: any SQLDatabase) async throws -> [String: UUID] {
        var holders: [String: UUID] = [:]
        for chunk in values.chunked(into: 500) {
            for row in try await sql.select().column("*").from("customer_identities").where("value", .in, Array(chunk))
                .all(decoding: IdentityRow.self) {
                holders[row.value] = row.customer_id
            }
        }
        return holders
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

extension SQLDatabase {
    /// Multi-row INSERT of encodable rows, split to stay under the engines' bound-parameter limits.
    func insertAll<Row: Encodable & Sendable>(into table: String, _ rows: [Row], rowsPerStatement: Int = 200) async throws {
        for chunk in rows.chunked(into: rowsPerStatement) where !chunk.isEmpty {
            try await insert(into: table).models(Array(chunk)).run()
        }
    }
}
