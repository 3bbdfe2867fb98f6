import Foundation
import KefuCore
import SQLKit

/// The one sequential step of an import: decides, row by row in file order, whether a row is a new
/// customer or a duplicate (of a customer already in the database or of an earlier row), and writes
/// the new customers in multi-row statements.
///
/// Every phone and email claimed during the import is kept in memory, compactly (`ImportIdentities`),
/// so duplicates within the file cost a lookup; identities already in the database are looked up
/// once per batch (and not at all when the database had none when the import began). New customers wait in `pending`
/// until `flushSize` of them are ready; a later row merged into a pending customer is combined in
/// memory. With `dryRun` the same decisions are made and nothing is written.
struct ImportWriter {
    let sql: any SQLDatabase
    let onDuplicate: CustomerImport.OnDuplicate
    let attribution: Attribution
    let dryRun: Bool
    let ids: ImportIDs
    var flushSize = 2_000
    /// Tests only: throw after this many flushes, to prove a failure mid-way leaves nothing.
    var failAfterFlushes: Int?

    private(set) var summary = CustomerImport.Summary()
    /// Phone or email → the customer holding it, for every identity this import created or merged.
    private var claimed: ImportIdentities
    /// False when the database held no identities at the start: then nothing can clash with it.
    private var databaseHasIdentities = true
    private var pending: [ImportBatch.Candidate] = []
    private var pendingIndex: [UUID: Int] = [:]
    private var flushes = 0
    private var customers: BulkInsert
    private var identities: BulkInsert
    private var tags: BulkInsert
    private var events: BulkInsert

    init(
        sql: any SQLDatabase, onDuplicate: CustomerImport.OnDuplicate, attribution: Attribution, dryRun: Bool,
        ids: ImportIDs, expectedIdentities: Int = 0,
        identityHash: @escaping @Sendable (String) -> Int = { $0.hashValue }
    ) {
        self.sql = sql
        self.onDuplicate = onDuplicate
        self.attribution = attribution
        self.dryRun = dryRun
        self.ids = ids
        claimed = ImportIdentities(ids: ids, expected: expectedIdentities, hash: identityHash)
        let now = attribution.now
        // One statement per flush: SQLite's FTS5 tables write out their pending terms as a new
        // segment at every statement that touches them, and fewer, larger segments merge for less.
        customers = BulkInsert(
            into: "customers",
            columns: [
                "id", "kind", "name", "name_key", "tier", "stage", "branch_id", "account_manager_id",
                "external_id", "internal",
                "profile", "search_text", "search_grams",
            ],
            constants: [("created_at", now), ("updated_at", now)], rowsPerStatement: .max)
        identities = BulkInsert(into: "customer_identities", columns: ["value", "customer_id", "kind"])
        tags = BulkInsert(into: "customer_tags", columns: ["customer_id", "tag_key"])
        events = BulkInsert(
            into: "timeline_events", columns: ["id", "customer_id"],
            constants: [
                ("kind", CustomerEventKind.imported), ("summary", "Imported from CSV"),
                ("data", "{}"), ("actor_id", attribution.userID), ("occurred_at", now),
            ])
    }

    /// Looks once whether any customer identity exists, so a first import skips all database lookups.
    mutating func start() async throws {
        struct Value: Decodable { var value: String }
        databaseHasIdentities =
            try await sql.select().column("value").from("customer_identities").limit(1)
            .first(decoding: Value.self) != nil
    }

    mutating func write(_ batch: ImportBatch) async throws {
        summary.rejected += batch.errors
        let existing = try await lookUp(batch.candidates)
        for candidate in batch.candidates {
            try await resolve(candidate, existing: existing)
            if pending.count >= flushSize { try await flush() }
        }
    }

    /// Writes what is pending; call once after the last batch.
    mutating func finish() async throws {
        try await flush()
    }

    /// The owners in the database of this batch's identities that need one: those the import has not
    /// seen yet (when the database had any), and those whose claim is to be confirmed there (see
    /// `exactHolder`).
    private func lookUp(_ candidates: [ImportBatch.Candidate]) async throws -> [String: UUID] {
        var values: [String] = []
        for candidate in candidates {
            for value in candidate.profile.phones + candidate.profile.emails {
                if let holder = claimed.holder(of: value) {
                    if !dryRun, pendingIndex[holder.id] == nil { values.append(value) }
                } else if databaseHasIdentities {
                    values.append(value)
                }
            }
        }
        var owners: [String: UUID] = [:]
        var start = 0
        while start < values.count {
            let slice = Array(values[start..<min(start + 1_000, values.count)])
            for (value, owner) in try await Self.owners(of: slice, on: sql) { owners[value] = owner }
            start += slice.count
        }
        return owners
    }

    private static func owners(of values: [String], on sql: any SQLDatabase) async throws -> [String: UUID] {
        struct Holder: Decodable {
            var value: String
            var customer_id: UUID
        }
        let rows = try await sql.select().column("value").column("customer_id").from("customer_identities")
            .where("value", .in, values).all(decoding: Holder.self)
        return Dictionary(rows.map { ($0.value, $0.customer_id) }) { first, _ in first }
    }

    /// The customer holding `value`, exactly. Claims are kept as hashes (`ImportIdentities`), so a
    /// hit counts only when its holder has the value: in memory while it is pending, else in the
    /// database (`owners`, looked up per batch, or asked now for a holder written since). When the hit
    /// is another value's, the real holder is looked for among the pending rows and in the database.
    /// A dry run writes nothing to ask, so there a hit is taken as it is (a preview, off by 10⁻⁷ at worst).
    private mutating func exactHolder(of value: String, owners: [String: UUID]) async throws
        -> ImportIdentities.Holder?
    {
        let hit = claimed.holder(of: value)
        if dryRun { return hit ?? owners[value].map { claimed.existingCustomer($0) } }
        guard let hit else { return owners[value].map { claimed.existingCustomer($0) } }
        if let index = pendingIndex[hit.id] {
            if pending[index].profile.has(value) { return hit }
        } else if try await owner(of: value, in: owners) == hit.id {
            return hit
        }
        // Another value's hash: the real holder, if any, is pending or in the database.
        if let row = pending.first(where: { $0.profile.has(value) }) { return claimed.newCustomer(line: row.line) }
        return try await owner(of: value, in: owners).map { claimed.existingCustomer($0) }
    }

    private func owner(of value: String, in owners: [String: UUID]) async throws -> UUID? {
        if let owner = owners[value] { return owner }
        return try await Self.owners(of: [value], on: sql)[value]
    }

    private mutating func resolve(_ candidate: ImportBatch.Candidate, existing: [String: UUID]) async throws {
        let profile = candidate.profile
        var holders: [(value: String, kind: String, owner: ImportIdentities.Holder)] = []
        for (values, kind) in [(profile.phones, "phone"), (profile.emails, "email")] {
            for value in values {
                if let owner = try await exactHolder(of: value, owners: existing) {
                    holders.append((value, kind, owner))
                }
            }
        }
        guard let holder = holders.first else {
            pendingIndex[candidate.id] = pending.count
            pending.append(candidate)
            claimed.claim(profile.phones + profile.emails, for: claimed.newCustomer(line: candidate.line))
            return
        }
        switch onDuplicate {
        case .skip:
            summary.skipped += 1
        case .reject:
            let conflict = CustomerConflict.identityTaken(
                value: holder.value, field: holder.kind + "s",
                owner: holder.owner.id)
            summary.rejected.append(.init(row: candidate.line, column: holder.kind, reason: conflict.message))
        case .merge:
            let owners = Set(holders.map(\.owner.id))
            guard owners.count == 1 else {
                summary.rejected.append(
                    .init(
                        row: candidate.line, column: holder.kind,
                        reason: "The row's phones and emails belong to \(owners.count) different customers."))
                return
            }
            try await merge(profile, into: holder.owner)
            claimed.claim(profile.phones + profile.emails, for: holder.owner)
            summary.merged += 1
        }
    }

    /// `CustomerMerge.combine` into the owner: in memory when it is pending, through the
    /// repository (timeline event and audit row of the change) when it existed before the import,
    /// and by rewriting it when an earlier batch of this import created it.
    private mutating func merge(_ duplicate: CustomerProfile, into holder: ImportIdentities.Holder) async throws {
        let owner = holder.id
        if let index = pendingIndex[owner] {
            let combined = CustomerMerge.combine(survivor: pending[index].profile, duplicate: duplicate)
            pending[index].profile = combined
            pending[index].columns = try CustomerColumns(combined)
            return
        }
        guard !dryRun else { return }
        let current = try await CustomerRepository.load(owner, on: sql)
        let combined = CustomerMerge.combine(survivor: try current.customer().profile, duplicate: duplicate)
        if holder.existedBefore {
            _ = try await CustomerRepository.replace(
                current, with: combined, on: sql, by: attribution,
                event: CustomerEventKind.imported)
            return
        }
        // Created by this import: still one `customer.imported` event, now for the combined profile.
        let row = try CustomerRow(
            id: owner, profile: combined, searchExtra: [], createdAt: current.created_at,
            updatedAt: attribution.now)
        try await sql.update("customers").set(model: row, nilEncodingStrategy: .asNil).where("id", .equal, owner).run()
        try await sql.delete(from: "customer_identities").where("customer_id", .equal, owner).run()
        try await CustomerRepository.claimIdentities(of: combined, for: owner, on: sql)
        try await sql.delete(from: "customer_tags").where("customer_id", .equal, owner).run()
        try await CustomerRepository.writeTags(combined.tags, for: owner, on: sql)
    }

    /// Writes the pending customers with their identities, tags and `customer.imported` events.
    private mutating func flush() async throws {
        defer {
            pending.removeAll(keepingCapacity: true)
            pendingIndex.removeAll(keepingCapacity: true)
        }
        guard !pending.isEmpty else { return }
        summary.imported += pending.count
        guard !dryRun else { return }
        for candidate in pending {
            let profile = candidate.profile
            customers.append(candidate.id)
            customers.append(profile.kind.rawValue)
            customers.append(profile.name)
            customers.append(candidate.columns.nameKey)
            customers.append(profile.tier ?? "")
            customers.append(profile.stage.rawValue)
            customers.append(profile.branchID)
            customers.append(profile.accountManagerID)
            customers.append(profile.externalID)
            customers.append(profile.isInternal)
            customers.append(candidate.columns.profileJSON)
            customers.append(candidate.columns.searchText)
            customers.append(candidate.columns.searchGrams)
            for phone in profile.phones {
                identities.append(phone)
                identities.append(candidate.id)
                identities.append("phone")
            }
            for email in profile.emails {
                identities.append(email)
                identities.append(candidate.id)
                identities.append("email")
            }
            for tag in profile.tags {
                tags.append(candidate.id)
                tags.append(tag.lowercased())
            }
            events.append(ids.event(line: candidate.line))
            events.append(candidate.id)
        }
        try await customers.flush(on: sql)
        try await identities.flush(on: sql)
        try await tags.flush(on: sql)
        try await events.flush(on: sql)
        // New customers start `customer_created` plans (a job each, and only while such a plan is active).
        try await FollowUpTriggers.record(
            pending.map { .customerCreated($0.id, at: attribution.now) }, on: sql, now: attribution.now)
        flushes += 1
        if let failAfterFlushes, flushes >= failAfterFlushes { throw InjectedFailure() }
    }

    /// The failure `failAfterFlushes` throws.
    struct InjectedFailure: Error {}
}

extension CustomerProfile {
    /// True when `value` is one of the profile's phones or emails.
    fileprivate func has(_ value: String) -> Bool { phones.contains(value) || emails.contains(value) }
}
