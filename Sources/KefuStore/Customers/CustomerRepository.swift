public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Customers: create, read, update, soft-delete and list, each write in one transaction with
/// its identities (phones and emails), tags, timeline event and audit row.
public struct CustomerRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }
    private let writes: GroupCommit
    private let settings: SettingsRepository
    /// How many rows, in the requested order, a text search looks through before it scans them all.
    let searchWindow: Int
    /// Below this many index candidates, a search reads the candidates instead of the window.
    let candidateLimit: Int

    public init(_ database: KefuDatabase) { self.init(database, searchWindow: 20_000) }

    init(_ database: KefuDatabase, searchWindow: Int, candidateLimit: Int = Self.defaultCandidateLimit) {
        self.candidateLimit = candidateLimit
        source = DatabaseSource(database)
        writes = database.writes
        settings = SettingsRepository(database)
        self.searchWindow = searchWindow
    }

    /// Validates `profile` under the business rules and stores it as a new customer. Returns once
    /// the customer has committed; concurrent creates share a commit and multi-row inserts (`CreateBatch`).
    public func create(_ profile: CustomerProfile, by attribution: Attribution) async throws -> Customer {
        let profile = try validate(profile, rules: try await settings.get().customerRules)
        return try await writes.write(try PreparedCreate(validated: profile, by: attribution), with: CreateBatch.self)
    }

    /// The customer, or `.merged(into:)` when it was merged away, or `.notFound`.
    public func get(_ id: UUID) async throws -> Customer {
        try await Self.load(id, on: db.sql).customer()
    }

    /// The names of the customers among `ids` (deleted and merged ones included, as lists of
    /// older records still show them), for lists that show whose each row is.
    public func names(of ids: [UUID]) async throws -> [UUID: String] {
        try await Self.names(of: ids, on: db.sql)
    }

    static func names(of ids: [UUID], on sql: any SQLDatabase) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        struct Name: Decodable {
            var id: UUID
            var name: String
        }
        let rows = try await sql.select().column("id").column("name").from("customers")
            .where("id", .in, Array(Set(ids))).all(decoding: Name.self)
        return Dictionary(rows.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// The live customers among `ids`, a query per 1,000, for a page or a file that shows more than their names.
    public func customers(_ ids: [UUID]) async throws -> [UUID: Customer] {
        var found: [UUID: Customer] = [:]
        for chunk in Array(Set(ids)).chunked(into: 1_000) where !chunk.isEmpty {
            let rows = try await db.sql.select().columns(CustomerListRow.columns.map { SQLColumn($0) })
                .from("customers").where("id", .in, Array(chunk)).where("deleted_at", .is, SQLLiteral.null)
                .where("merged_into", .is, SQLLiteral.null).all(decoding: CustomerListRow.self)
            for row in rows { found[row.id] = try row.customer() }
        }
        return found
    }

    static func load(_ id: UUID, on sql: any SQLDatabase) async throws -> CustomerRow {
        guard
            let row = try await sql.select().column("*").from("customers").where("id", .equal, id)
                .first(decoding: CustomerRow.self), row.deleted_at == nil
        else { throw DomainError.notFound(entity: "customer", id: id.uuidString) }
        if let survivor = row.merged_into { throw DomainError.merged(into: survivor) }
        return row
    }

    /// Replaces the profile with `profile` (the caller has applied a PATCH to the current one).
    public func update(_ id: UUID, to profile: CustomerProfile, by attribution: Attribution) async throws -> Customer {
        let profile = try validate(profile, rules: try await settings.get().customerRules)
        return try await db.sqlTransaction { tx in
            let current = try await Self.load(id, on: tx)
            return try await Self.replace(current, with: profile, on: tx, by: attribution)
        }
    }

    /// Writes a new profile over `current`, recording what changed; shared with merge.
    static func replace(
        _ current: CustomerRow, with profile: CustomerProfile, on tx: any SQLDatabase,
        by attribution: Attribution, event: String = CustomerEventKind.updated
    ) async throws -> Customer {
        let before = try current.customer().profile
        let changes = try AuditLog.diff(before: before, after: profile)
        guard !changes.isEmpty else { return try current.customer() }
        try await checkReferences(of: profile, before: before, on: tx)
        try await tx.delete(from: "customer_identities").where("customer_id", .equal, current.id).run()
        try await claimIdentities(of: profile, for: current.id, on: tx)
        try await tx.delete(from: "customer_tags").where("customer_id", .equal, current.id).run()
        try await writeTags(profile.tags, for: current.id, on: tx)
        var row = try CustomerRow(
            id: current.id, profile: profile, searchExtra: try await searchExtra(current.id, on: tx),
            createdAt: current.created_at, updatedAt: attribution.now)
        row.merged_into = current.merged_into
        try await tx.update("customers").set(model: row, nilEncodingStrategy: .asNil).where("id", .equal, current.id)
            .run()
        if row.name_key != current.name_key {
            try await TicketSearch.rename(customer: current.id, to: row.name_key, on: tx)
        }
        if profile.tier != before.tier {
            try await TicketSLA.refresh(openTicketsOf: current.id, on: tx, now: attribution.now)
        }
        let fields = changes.keys.sorted()
        try await Timeline.append(
            on: tx, customerID: current.id, kind: event,
            summary: "Changed " + fields.joined(separator: ", "),
            data: ["fields": fields.joined(separator: ",")], attribution: attribution)
        try await AuditLog.record(
            on: tx, attribution, action: event, entityType: "customer",
            entityID: current.id.uuidString, changes: changes)
        return try row.customer()
    }

    /// Soft delete: the row stays for history, disappears from lists and frees its phones and emails.
    public func delete(_ id: UUID, by attribution: Attribution) async throws {
        try await db.sqlTransaction { tx in
            let current = try await Self.load(id, on: tx)
            try await tx.update("customers").set("deleted_at", to: attribution.now).where("id", .equal, id).run()
            try await tx.delete(from: "customer_identities").where("customer_id", .equal, id).run()
            try await Timeline.append(
                on: tx, customerID: id, kind: CustomerEventKind.deleted, summary: "Customer deleted",
                attribution: attribution)
            try await AuditLog.record(
                on: tx, attribution, action: CustomerEventKind.deleted, entityType: "customer",
                entityID: id.uuidString,
                changes: ["name": .init(before: current.name, after: nil)])
        }
    }

    func validate(_ profile: CustomerProfile, rules: CustomerRules) throws -> CustomerProfile {
        do {
            return try profile.validated(under: rules)
        } catch {
            throw DomainError.invalid(error)
        }
    }

    /// The branch must exist and a newly named account manager must be an active staff user (one who
    /// left keeps the customers they had until someone picks another, so other edits still save).
    static func checkReferences(of profile: CustomerProfile, before: CustomerProfile, on sql: any SQLDatabase)
        async throws
    {
        if let branchID = profile.branchID {
            let found =
                try await sql.select().column("id").from("branches").where("id", .equal, branchID).first() != nil
            if let conflict = CustomerConflict.branch(of: profile, exists: { _ in found }) {
                throw conflict.domainError
            }
        }
        if let manager = profile.accountManagerID, manager != before.accountManagerID {
            let active = try await TicketReferences.isActiveStaff(manager, on: sql)
            if let conflict = CustomerConflict.accountManager(of: profile, isActive: { _ in active }) {
                throw conflict.domainError
            }
        }
    }

    /// Each phone and email may belong to one customer only: a clash is a 409 naming the holder.
    static func claimIdentities(of profile: CustomerProfile, for id: UUID, on sql: any SQLDatabase) async throws {
        let identities = IdentityRow.rows(of: profile, for: id)
        guard !identities.isEmpty else { return }
        let holders = try await sql.select().column("*").from("customer_identities")
            .where("value", .in, identities.map(\.value)).where("customer_id", .notEqual, id)
            .all(decoding: IdentityRow.self)
        let owners = Dictionary(holders.map { ($0.value, $0.customer_id) }) { first, _ in first }
        if let conflict = CustomerConflict.identities(of: profile, for: id, owner: { owners[$0] }) {
            throw conflict.domainError
        }
        try await sql.insert(into: "customer_identities").models(identities).run()
    }

    static func writeTags(_ tags: [String], for id: UUID, on sql: any SQLDatabase) async throws {
        guard !tags.isEmpty else { return }
        try await sql.insert(into: "customer_tags").models(TagRow.rows(of: tags, for: id)).run()
    }

    /// Note bodies and key-contact names, which `q` also searches.
    static func searchExtra(_ id: UUID, on sql: any SQLDatabase) async throws -> [String] {
        struct Body: Decodable { var body: String }
        struct Profile: Decodable { var profile: String }
        let notes = try await sql.select().column("body").from("notes").where("customer_id", .equal, id).all(
            decoding: Body.self)
        let contacts = try await sql.select().column("profile").from("key_contacts").where("customer_id", .equal, id)
            .all(decoding: Profile.self)
        let contactNames = try contacts.map { try StoreJSON.decode(KeyContactProfile.self, from: $0.profile).name }
        return notes.map(\.body) + contactNames
    }

    /// Recomputes the stored search text and its grams after notes or contacts change.
    static func refreshSearchText(_ id: UUID, on sql: any SQLDatabase) async throws {
        let row = try await load(id, on: sql)
        let profile = try StoreJSON.decode(CustomerProfile.self, from: row.profile)
        let text = CustomerRow.searchText(profile, extra: try await searchExtra(id, on: sql))
        try await sql.update("customers").set("search_text", to: text)
            .set("search_grams", to: SearchGrams.grams(of: text)).where("id", .equal, id).run()
    }
}
