import Foundation
import KefuCore
import SQLKit

/// The one sequential step of a purchase import: finds each purchase's customer and branch (one lookup per
/// batch), and writes the purchases in multi-row statements, `flushSize` a round, letting the unique index
/// on `source` + `external_ref` decide which are already stored (`ON CONFLICT DO NOTHING … RETURNING id`:
/// also a purchase earlier in the file, or one another writer stores meanwhile). A dry run asks the database
/// and remembers the file's own keys instead, and writes nothing.
struct PurchaseImportWriter {
    let sql: any SQLDatabase
    /// Branch ids by lower-cased name.
    let branches: [String: UUID]
    let attribution: Attribution
    let dryRun: Bool
    var flushSize = 2_000
    /// Tests only: throw after this many flushes, to prove a failure mid-way leaves nothing.
    var failAfterFlushes: Int?

    private(set) var summary = PurchaseImport.Summary()
    private var pending: [Purchase] = []
    /// Customers with a purchase written, whose stages `finish` recomputes.
    private var touched = Set<UUID>()
    /// A dry run's `source` + `external_ref` of the purchases it would write.
    private var seen = Set<[String]>()
    private var flushes = 0
    private var purchases: BulkInsert
    private var events: BulkInsert

    init(sql: any SQLDatabase, branches: [String: UUID], attribution: Attribution, dryRun: Bool) {
        self.sql = sql
        self.branches = branches
        self.attribution = attribution
        self.dryRun = dryRun
        purchases = BulkInsert(
            into: "purchases",
            columns: [
                "id", "customer_id", "branch_id", "purchased_at", "total", "currency", "items", "source",
                "external_ref",
            ],
            constants: [("created_by", attribution.userID), ("created_at", attribution.now)],
            skippingConflictsReturning: "id")
        events = BulkInsert(
            into: "timeline_events", columns: ["id", "customer_id", "summary", "data"],
            constants: [
                ("kind", PurchaseEventKind.recorded), ("actor_id", attribution.userID),
                ("occurred_at", attribution.now),
            ])
    }

    mutating func write(_ batch: PurchaseCSV.Batch) async throws {
        summary.rejected += batch.rejected
        let customers = try await Self.customers(of: batch.entries.map(\.customer), on: sql)
        let stored = dryRun ? try await Self.storedKeys(of: batch.entries, on: sql) : []
        for entry in batch.entries {
            guard let purchase = resolve(entry, customers: customers) else { continue }
            guard !dryRun else {
                if let key = Self.key(of: entry.draft), stored.contains(key) || !seen.insert(key).inserted {
                    summary.skipped += 1
                } else {
                    summary.imported += 1
                }
                continue
            }
            pending.append(purchase)
            if pending.count >= flushSize { try await flush() }
        }
    }

    /// Writes what is pending, then recomputes the stage of every customer the import gave a purchase.
    mutating func finish(rules: PurchaseSettings) async throws {
        try await flush()
        _ = try await CustomerStages.recompute(Array(touched), rules: rules, on: sql, by: attribution)
    }

    /// The purchases of one round, written: what is known of each written batch (ids, customers, `purchased_at`,
    /// branches, totals, lines) is here and nowhere else, so work that follows a recorded purchase in bulk
    /// hooks in here. Purchases skipped as already stored are not passed.
    private mutating func written(_ purchases: [Purchase]) async throws {
        for purchase in purchases {
            touched.insert(purchase.customerID)
            events.append(TimeOrderedID.next(now: attribution.now))
            events.append(purchase.customerID)
            events.append("\(purchase.currency) \(MinorUnits.decimalText(purchase.total))")
            events.append(
                try StoreJSON.encode([
                    "purchase_id": purchase.id.uuidString, "total": String(purchase.total),
                    "currency": purchase.currency,
                ]))
        }
        try await events.flush(on: sql)
        try await HealthLedger.purchasesRecorded(purchases, on: sql, now: attribution.now)
        try await FollowUpTriggers.record(
            purchases.map { .purchase($0, recordedAt: attribution.now) }, on: sql, now: attribution.now)
        try await LoyaltyLedger.earn(purchases, on: sql, by: attribution)
    }

    private mutating func flush() async throws {
        defer { pending.removeAll(keepingCapacity: true) }
        guard !pending.isEmpty else { return }
        for purchase in pending {
            purchases.append(purchase.id)
            purchases.append(purchase.customerID)
            purchases.append(purchase.branchID)
            purchases.append(purchase.purchasedAt)
            purchases.append(Int64(purchase.total))
            purchases.append(purchase.currency)
            purchases.append(try StoreJSON.encode(purchase.items))
            purchases.append(purchase.source)
            purchases.append(purchase.externalRef)
        }
        let ids = Set(try await purchases.flush(on: sql))
        let written = pending.filter { ids.contains($0.id) }
        summary.imported += written.count
        summary.skipped += pending.count - written.count
        try await self.written(written)
        flushes += 1
        if let failAfterFlushes, flushes >= failAfterFlushes { throw InjectedFailure() }
    }

    /// The failure `failAfterFlushes` throws.
    struct InjectedFailure: Error {}

    /// The purchase `entry` makes, its customer and branch looked up; nil when either is unknown (the entry's
    /// rows are then reported).
    private mutating func resolve(_ entry: PurchaseCSV.Entry, customers: Customers) -> Purchase? {
        var customer: (id: UUID, column: PurchaseCSV.Column)?
        let references: [(column: PurchaseCSV.Column, given: String?, found: UUID?)] = [
            (
                .customerID, entry.customer.id?.uuidString.lowercased(),
                entry.customer.id.flatMap { customers.ids.contains($0) ? $0 : nil }
            ),
            (.customerPhone, entry.customer.phone, entry.customer.phone.flatMap { customers.byIdentity[$0] }),
            (.customerEmail, entry.customer.email, entry.customer.email.flatMap { customers.byIdentity[$0] }),
            (
                .customerExternalID, entry.customer.externalID,
                entry.customer.externalID.flatMap { customers.byExternalID[$0] }
            ),
        ]
        if let externalID = entry.customer.externalID, customers.sharedExternalIDs.contains(externalID) {
            return reject(
                entry, .customerExternalID,
                "Several customers have the external id \(externalID); name the customer another way.")
        }
        for (column, given, found) in references {
            guard let given else { continue }
            guard let found else {
                return reject(entry, column, "No customer has the \(Self.noun(column)) \(given).")
            }
            if let earlier = customer, earlier.id != found {
                return reject(
                    entry, column, "\(column.rawValue) names another customer than \(earlier.column.rawValue).")
            }
            customer = (found, column)
        }
        guard let customer else {
            return reject(entry, .customerPhone, "The row names no customer.")
        }
        var branchID: UUID?
        if let branch = entry.branch {
            if let id = UUID(uuidString: branch), branches.values.contains(id) {
                branchID = id
            } else if let id = branches[branch.lowercased()] {
                branchID = id
            } else {
                return reject(entry, .branchID, "No branch has the id or name \"\(branch)\".")
            }
        }
        var draft = entry.draft
        draft.customerID = customer.id
        draft.branchID = branchID
        return Purchase(
            id: TimeOrderedID.next(now: attribution.now), draft: draft,
            currency: draft.currency ?? "", createdAt: attribution.now)
    }

    private static func noun(_ column: PurchaseCSV.Column) -> String {
        switch column {
        case .customerPhone: "phone"
        case .customerEmail: "email"
        case .customerExternalID: "external id"
        default: "id"
        }
    }

    /// Reports `entry` rejected: the reason on its first row, a note on each of its other rows.
    private mutating func reject(_ entry: PurchaseCSV.Entry, _ column: PurchaseCSV.Column, _ reason: String)
        -> Purchase?
    {
        summary.rejected.append(CSV.RowError(row: entry.line, column: column.rawValue, reason: reason))
        for line in entry.lines.dropFirst() {
            summary.rejected.append(
                CSV.RowError(
                    row: line, column: "", reason: "Not imported: row \(entry.line) of the same purchase has an error.")
            )
        }
        return nil
    }

    /// The live customers a batch names: those of its ids, the holders of its phones and emails, and those with
    /// its external ids (an external id two live customers share names neither).
    struct Customers {
        var ids = Set<UUID>()
        var byIdentity: [String: UUID] = [:]
        var byExternalID: [String: UUID] = [:]
        var sharedExternalIDs = Set<String>()
    }

    private static func customers(
        of references: [PurchaseCSV.CustomerReference], on sql: any SQLDatabase
    ) async throws -> Customers {
        struct Live: Decodable { var id: UUID }
        struct Holder: Decodable {
            var value: String
            var customer_id: UUID
        }
        var found = Customers()
        for ids in Array(Set(references.compactMap(\.id))).chunked(into: 1_000) where !ids.isEmpty {
            let rows = try await sql.select().column("id").from("customers").where("id", .in, Array(ids))
                .where("deleted_at", .is, SQLLiteral.null).where("merged_into", .is, SQLLiteral.null)
                .all(decoding: Live.self)
            found.ids.formUnion(rows.map(\.id))
        }
        let values = Set(references.flatMap { [$0.phone, $0.email].compactMap(\.self) })
        for chunk in Array(values).chunked(into: 1_000) where !chunk.isEmpty {
            let rows = try await sql.select().column(SQLColumn("value", table: "i"))
                .column(SQLColumn("customer_id", table: "i"))
                .from(SQLAlias(SQLIdentifier("customer_identities"), as: SQLIdentifier("i")))
                .join(
                    SQLAlias(SQLIdentifier("customers"), as: SQLIdentifier("c")),
                    on: SQLColumn("id", table: "c"), .equal, SQLColumn("customer_id", table: "i")
                )
                .where(SQLColumn("value", table: "i"), .in, SQLBind.group(Array(chunk)))
                .where(SQLColumn("deleted_at", table: "c"), .is, SQLLiteral.null)
                .where(SQLColumn("merged_into", table: "c"), .is, SQLLiteral.null)
                .all(decoding: Holder.self)
            for row in rows { found.byIdentity[row.value] = row.customer_id }
        }
        struct External: Decodable {
            var id: UUID
            var external_id: String
        }
        for chunk in Array(Set(references.compactMap(\.externalID))).chunked(into: 1_000) where !chunk.isEmpty {
            let rows = try await sql.select().columns("id", "external_id").from("customers")
                .where("external_id", .in, Array(chunk)).where("deleted_at", .is, SQLLiteral.null)
                .where("merged_into", .is, SQLLiteral.null).all(decoding: External.self)
            for row in rows {
                if found.byExternalID.updateValue(row.id, forKey: row.external_id) != nil {
                    found.sharedExternalIDs.insert(row.external_id)
                }
            }
        }
        return found
    }

    /// `source` + `external_ref` when the draft has both: what makes it a purchase stored only once.
    private static func key(of draft: PurchaseDraft) -> [String]? {
        guard let source = draft.source, let reference = draft.externalRef else { return nil }
        return [source, reference]
    }

    /// The keys of a batch's purchases that are stored already, for a dry run.
    private static func storedKeys(of entries: [PurchaseCSV.Entry], on sql: any SQLDatabase) async throws
        -> Set<[String]>
    {
        struct Key: Decodable {
            var source: String
            var external_ref: String
        }
        let keys = Set(entries.compactMap { key(of: $0.draft) })
        var stored = Set<[String]>()
        for chunk in Array(Set(keys.map { $0[1] })).chunked(into: 1_000) where !chunk.isEmpty {
            let rows = try await sql.select().column("source").column("external_ref").from("purchases")
                .where("external_ref", .in, Array(chunk)).where("source", .isNot, SQLLiteral.null)
                .all(decoding: Key.self)
            stored.formUnion(rows.map { [$0.source, $0.external_ref] }.filter(keys.contains))
        }
        return stored
    }
}
