public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Imports purchase CSV files (`kefu import purchases`, format in `PurchaseCSV`) the way `CustomerImport`
/// imports customers: every row validated (as the API validates a purchase) and every rejected row reported,
/// the accepted purchases written in one transaction (all or nothing) in multi-row statements, nothing written
/// by a dry run. A purchase whose `source` + `external_ref` is stored already (also earlier in the same file)
/// is skipped, so a file imported twice is recorded once. Each purchase lands on its customer's timeline
/// (`purchase.recorded`); each customer touched has its lifecycle stage recomputed once, at the end.
public struct PurchaseImport: Sendable {
    /// `{"imported": N, "skipped": N, "rejected": [{"row", "column", "reason"}]}`: purchases written, purchases
    /// already stored, and the problems of the rows not imported.
    public struct Summary: Codable, Sendable, Equatable {
        public var imported = 0
        public var skipped = 0
        public var rejected: [CSV.RowError] = []
        public init() {}
    }

    let db: any Database
    /// Rows read per batch: large enough to amortise the customer lookups, small enough to stream.
    var chunkSize = 2_000
    /// Purchases written per round of multi-row statements.
    var flushSize = 2_000
    /// Tests only: fail after this many rounds of writes, inside the transaction.
    var failAfterFlushes: Int?

    public init(_ database: KefuDatabase) { db = database.db }

    /// Imports `bytes` (any encoding `TextDecoding` accepts). Header problems and unreadable files throw
    /// `DomainError.invalid`; row problems land in `Summary.rejected`.
    public func run(
        bytes: [UInt8], dryRun: Bool, by attribution: Attribution, progress: CustomerImport.Progress? = nil
    ) async throws -> Summary {
        try await run(source: InMemoryBytes(bytes), dryRun: dryRun, by: attribution, progress: progress)
    }

    /// Imports the file at `url`, read a piece at a time so that memory stays bounded whatever its size.
    public func run(
        file url: URL, dryRun: Bool, by attribution: Attribution, progress: CustomerImport.Progress? = nil
    ) async throws -> Summary {
        try await run(source: try FileBytes(url), dryRun: dryRun, by: attribution, progress: progress)
    }

    private func run(
        source: some ByteSource, dryRun: Bool, by attribution: Attribution, progress: CustomerImport.Progress?
    ) async throws -> Summary {
        let settings = try await SettingsRepository(db: db).get()
        let branches = try await BranchRepository(db: db).idsByName()
        let context = PurchaseCSV.Context(
            phoneRegion: settings.phoneRegion, zone: settings.zone, currency: settings.currency, now: attribution.now)
        let reader: PurchaseCSV.Reader
        do {
            reader = try PurchaseCSV.Reader(source: source, context: context)
        } catch let error as CSV.HeaderFailure {
            throw ImportFailure.header(error)
        } catch let error as TextDecoding.Failure {
            throw ImportFailure.refused(error)
        }
        let plan = Plan(
            reader: reader, branches: branches, rules: settings.purchases, attribution: attribution, dryRun: dryRun,
            progress: progress, chunkSize: chunkSize, flushSize: flushSize, failAfterFlushes: failAfterFlushes)
        if dryRun { return try await plan.run(on: db.sql) }
        let summary = try await SQLiteImportPragmas.applied(on: db, cacheKibibytes: SQLiteImportPragmas.cacheKibibytes)
        {
            database in
            try await database.sqlTransaction { tx in try await plan.run(on: tx) }
        }
        // Fresh statistics after a bulk load, as after a customer import.
        if summary.imported > 0 {
            try await db.sql.raw(db.sql.engine == .sqlite ? "PRAGMA optimize" : "ANALYZE").run()
        }
        return summary
    }
}

/// Everything one import needs, so the work can move into a transaction closure.
private struct Plan: Sendable {
    let reader: PurchaseCSV.Reader
    let branches: [String: UUID]
    let rules: PurchaseSettings
    let attribution: Attribution
    let dryRun: Bool
    let progress: CustomerImport.Progress?
    let chunkSize: Int
    let flushSize: Int
    let failAfterFlushes: Int?

    func run(on sql: any SQLDatabase) async throws -> PurchaseImport.Summary {
        var writer = PurchaseImportWriter(sql: sql, branches: branches, attribution: attribution, dryRun: dryRun)
        writer.flushSize = flushSize
        writer.failAfterFlushes = failAfterFlushes
        // The next batch is read and validated on another task while the writer writes this one.
        var (reader, batch) = try next(after: self.reader)
        var done = 0
        while let current = batch {
            let snapshot = reader
            async let following = next(after: snapshot)
            try await writer.write(current)
            done += current.records
            (reader, batch) = try await following
            progress?(done, reader.fractionRead)
        }
        try await writer.finish(rules: rules)
        var summary = writer.summary
        summary.rejected.sort { ($0.row, $0.column) < ($1.row, $1.column) }
        if !dryRun {
            try await AuditLog.record(
                on: sql, attribution, action: "purchase.import", entityType: "purchase", entityID: nil,
                changes: [
                    "imported": .init(before: nil, after: "\(summary.imported)"),
                    "skipped": .init(before: nil, after: "\(summary.skipped)"),
                    "rejected": .init(before: nil, after: "\(summary.rejected.count)"),
                ])
        }
        return summary
    }

    /// The next batch of the file and the reader after it; bytes that turn out not to be text fail the whole import.
    private func next(after reader: PurchaseCSV.Reader) throws -> (PurchaseCSV.Reader, PurchaseCSV.Batch?) {
        var reader = reader
        do {
            let batch = try reader.next(records: chunkSize)
            return (reader, batch)
        } catch let error as TextDecoding.Failure {
            throw ImportFailure.refused(error)
        }
    }
}
