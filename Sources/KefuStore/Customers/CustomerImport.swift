public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Imports customer CSV files: every row is validated and every rejected row reported; the
/// accepted rows are written in one transaction (all or nothing), and a dry run writes nothing.
///
/// A large file streams through three stages, holding a few chunks of it at a time: the file is
/// read piece by piece (`ByteSource`), decoded to UTF-8 and split into chunks in file order, the
/// chunks are validated and prepared on several tasks at once (`ImportBatch`), and one writer
/// (`ImportWriter`) takes them back in file order, decides duplicates and writes multi-row
/// statements, all inside one transaction that ends with one audit row for the whole import.
public struct CustomerImport: Sendable {
    /// What to do with a row whose phone or email already belongs to a customer.
    public enum OnDuplicate: String, Sendable, CaseIterable {
        case merge, skip, reject
    }

    /// `{"imported": N, "merged": N, "skipped": N, "rejected": [{"row", "column", "reason"}]}`
    public struct Summary: Codable, Sendable, Equatable {
        public var imported = 0
        public var merged = 0
        public var skipped = 0
        public var rejected: [CSV.RowError] = []
        public init() {}
    }

    /// Rows done so far and the share of the file read, for a progress line.
    public typealias Progress = @Sendable (_ rowsDone: Int, _ fractionRead: Double) -> Void

    let db: any Database
    /// Records per chunk: large enough to amortise a task and a lookup query, small enough to stream.
    var chunkSize = 2_000
    /// New customers written per round of multi-row statements.
    var flushSize = 2_000
    /// Tests only: fail after this many rounds of writes, inside the transaction.
    var failAfterFlushes: Int?
    /// Tests only: how claimed phones and emails are hashed (see `ImportIdentities`).
    var identityHash: @Sendable (String) -> Int = { $0.hashValue }

    public init(_ database: KefuDatabase) { db = database.db }

    /// Imports `bytes` (any encoding `TextDecoding` accepts). Header problems and unreadable files
    /// throw `DomainError.invalid`; row problems land in `Summary.rejected`.
    public func run(
        bytes: [UInt8], onDuplicate: OnDuplicate, dryRun: Bool, by attribution: Attribution,
        progress: Progress? = nil
    ) async throws -> Summary {
        try await run(
            source: InMemoryBytes(bytes), size: bytes.count, onDuplicate: onDuplicate, dryRun: dryRun,
            by: attribution, progress: progress)
    }

    /// Imports the file at `url`, read a piece at a time so that memory stays bounded whatever its size.
    public func run(
        file url: URL, onDuplicate: OnDuplicate, dryRun: Bool, by attribution: Attribution,
        progress: Progress? = nil
    ) async throws -> Summary {
        let file = try FileBytes(url)
        return try await run(
            source: file, size: file.size, onDuplicate: onDuplicate, dryRun: dryRun,
            by: attribution, progress: progress)
    }

    /// `size` (of the whole input, in bytes) only sizes what the import keeps for duplicates.
    private func run(
        source: some ByteSource, size: Int, onDuplicate: OnDuplicate, dryRun: Bool,
        by attribution: Attribution, progress: Progress?
    ) async throws -> Summary {
        let settings = try await SettingsRepository(db: db).get()
        let branchIDs = try await BranchRepository(db: db).idsByName()
        let userIDs = Dictionary(
            try await UserRepository.all(on: db.sql).filter(\.active).map { ($0.email, $0.id) }
        ) { first, _ in first }
        let batches: CustomerCSV.Batches
        do {
            batches = try CustomerCSV.Reader(rules: settings.customerRules).batches(source: source, size: chunkSize)
        } catch let error as CSV.HeaderFailure {
            throw ImportFailure.header(error)
        } catch let error as TextDecoding.Failure {
            throw ImportFailure.refused(error)
        }
        let plan = Plan(
            batches: batches, branchIDs: branchIDs, userIDs: userIDs, onDuplicate: onDuplicate,
            attribution: attribution,
            dryRun: dryRun, progress: progress, flushSize: flushSize, failAfterFlushes: failAfterFlushes,
            identityHash: identityHash,
            // About two identities per row of ~150 bytes; a guess only sizes a dictionary.
            expectedIdentities: size / 75)
        if dryRun { return try await plan.run(on: db.sql) }
        let summary = try await SQLiteImportPragmas.applied(on: db, cacheKibibytes: SQLiteImportPragmas.cacheKibibytes)
        { database in
            try await database.sqlTransaction { tx in try await plan.run(on: tx) }
        }
        // A bulk load changes the tables' shape; without fresh statistics PostgreSQL picks
        // sequential scans for lists (measured: 280 ms instead of 0.1 ms after a 1M-row import).
        if summary.imported + summary.merged > 0 {
            try await db.sql.raw(db.sql.engine == .sqlite ? "PRAGMA optimize" : "ANALYZE").run()
        }
        return summary
    }
}

/// Everything one import needs, so the work can move into a transaction closure.
private struct Plan: Sendable {
    let batches: CustomerCSV.Batches
    let branchIDs: [String: UUID]
    /// Active staff users by email.
    let userIDs: [String: UUID]
    let onDuplicate: CustomerImport.OnDuplicate
    let attribution: Attribution
    let dryRun: Bool
    let progress: CustomerImport.Progress?
    let flushSize: Int
    let failAfterFlushes: Int?
    let identityHash: @Sendable (String) -> Int
    let expectedIdentities: Int

    typealias Numbered = (number: Int, batch: ImportBatch)

    /// The next chunk of the file; bytes that turn out not to be text fail the whole import.
    private func nextChunk(_ batches: inout CustomerCSV.Batches) throws -> CustomerCSV.Chunk? {
        do {
            return try batches.nextChunk()
        } catch let error as TextDecoding.Failure {
            throw ImportFailure.refused(error)
        }
    }

    /// Prepares chunks on up to `lookahead` tasks while the writer takes them in file order.
    func run(on sql: any SQLDatabase) async throws -> CustomerImport.Summary {
        let ids = ImportIDs(now: attribution.now)
        var writer = ImportWriter(
            sql: sql, onDuplicate: onDuplicate, attribution: attribution, dryRun: dryRun,
            ids: ids, expectedIdentities: expectedIdentities, identityHash: identityHash)
        writer.flushSize = flushSize
        writer.failAfterFlushes = failAfterFlushes
        try await writer.start()
        var batches = self.batches
        let branchIDs = self.branchIDs
        let userIDs = self.userIDs
        let lookahead = ProcessInfo.processInfo.activeProcessorCount + 2
        var done = 0
        try await withThrowingTaskGroup(of: Numbered.self) { group in
            var submitted = 0
            var next = 0
            var ready: [Int: ImportBatch] = [:]
            func submit(_ chunk: CustomerCSV.Chunk, as number: Int) {
                group.addTask {
                    (number, try ImportBatch.prepare(chunk, branchIDs: branchIDs, userIDs: userIDs, ids: ids))
                }
            }
            while submitted < lookahead, let chunk = try nextChunk(&batches) {
                submit(chunk, as: submitted)
                submitted += 1
            }
            while next < submitted {
                while ready[next] == nil, let (number, batch) = try await group.next() { ready[number] = batch }
                guard let batch = ready.removeValue(forKey: next) else { break }
                next += 1
                if let chunk = try nextChunk(&batches) {
                    submit(chunk, as: submitted)
                    submitted += 1
                }
                try await writer.write(batch)
                done += batch.records
                progress?(done, batches.fractionRead)
            }
        }
        try await writer.finish()
        var summary = writer.summary
        summary.rejected.sort { ($0.row, $0.column) < ($1.row, $1.column) }
        if !dryRun {
            try await AuditLog.record(
                on: sql, attribution, action: "customer.import", entityType: "customer", entityID: nil,
                changes: [
                    "imported": .init(before: nil, after: "\(summary.imported)"),
                    "merged": .init(before: nil, after: "\(summary.merged)"),
                    "skipped": .init(before: nil, after: "\(summary.skipped)"),
                    "rejected": .init(before: nil, after: "\(summary.rejected.count)"),
                ])
        }
        return summary
    }
}
