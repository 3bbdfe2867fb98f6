import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Imports customer CSV files: every row is validated and every rejected row reported; the
/// accepted rows are written in one transaction (all or nothing), and a dry run writes nothing.
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
        public var rejected: [CustomerCSV.RowError] = []
        public init() {}
    }

    /// Rows done so far and the share of the file read, for a progress line.
    public typealias Progress = @Sendable (_ rowsDone: Int, _ fractionRead: Double) -> Void

    let db: any Database

    public init(_ database: KefuDatabase) { db = database.db }

    /// Imports `bytes` (any encoding `TextDecoding` accepts). Header problems and unreadable files
    /// throw `DomainError.invalid`; row problems land in `Summary.rejected`.
    public func run(bytes: [UInt8], onDuplicate: OnDuplicate, dryRun: Bool, by attribution: Attribution,
                    progress: Progress? = nil) async throws -> Summary {
        let utf8: [UInt8]
        do {
            utf8 = try TextDecoding.utf8Bytes(bytes).bytes
        } catch {
            throw DomainError.invalid([FieldError(field: "file", code: error.code, message: error.message)])
        }
        let settings = try await SettingsRepository(db: db).get()
        let branchIDs = try await BranchRepository(db: db).idsByName()
        var batches: CustomerCSV.Batches
        do {
            batches = try CustomerCSV.Reader(rules: settings.customerRules).batches(utf8: utf8, size: 2_000)
        } catch {
            throw DomainError.invalid(error.errors.map { FieldError(field: $0.column.isEmpty ? "file" : $0.column,
                                                                      code: "bad_header", message: $0.reason) })
        }
        var collected: [CustomerCSV.Parsed] = []
        while let batch = batches.next() { collected.append(batch) }
        let parsedBatches = collected
        let fraction = batches.fractionRead
        let writer = ImportWriter(onDuplicate: onDuplicate, branchIDs: branchIDs, attribution: attribution)
        let run: @Sendable (any SQLDatabase) async throws -> Summary = { tx in
            var state = ImportWriter.State()
            var done = 0
            for batch in parsedBatches {
                try await writer.write(batch, on: tx, state: &state)
                done += batch.rows.count + batch.errors.count
                progress?(done, fraction)
            }
            state.summary.rejected.sort { ($0.row, $0.column) < ($1.row, $1.column) }
            if !dryRun {
                try await AuditLog.record(on: tx, attribution, action: "customer.import", entityType: "customer", entityID: nil,
                                          changes: ["imported": .init(before: nil, after: "\(state.summary.imported)"),
                                                    "merged": .init(before: nil, after: "\(state.summary.merged)"),
                                                    "skipped": .init(before: nil, after: "\(state.summary.skipped)"),
                                                    "rejected": .init(before: nil, after: "\(state.summary.rejected.count)")])
            }
            return state.summary
        }
        if dryRun {
            // A dry run does the same work inside a transaction that is always rolled back.
            do {
                try await db.sqlTransaction { tx in throw DryRunRollback(summary: try await run(tx)) }
            } catch let rollback as DryRunRollback {
                return rollback.summary
            }
            return Summary()
        }
        return try await db.sqlTransaction(run)
    }
}

private struct DryRunRollback: Error {
    var summary: CustomerImport.Summary
}

/// Writes validated rows, resolving branches and duplicates against the database and earlier rows.
struct ImportWriter: Sendable {
    let onDuplicate: CustomerImport.OnDuplicate
    let branchIDs: [String: UUID]
    let attribution: Attribution

    struct State {
        var summary = CustomerImport.Summary()
    }

    func write(_ batch: CustomerCSV.Parsed, on tx: any SQLDatabase, state: inout State) async throws {
        state.summary.rejected += batch.errors
        for row in batch.rows {
            var profile = row.profile
            if let branchName = row.branchName, !branchName.isEmpty {
                guard let id = branchIDs[branchName.lowercased()] else {
                    state.summary.rejected.append(.init(row: row.line, column: "branch", reason: "No branch is named \"\(branchName)\"."))
                    continue
                }
                profile.branchID = id
            }
            let identities = profile.phones + profile.emails
            let holders = identities.isEmpty ? [] : try await tx.select().column("*").from("customer_identities")
                .where("value", .in, identities).all(decoding: IdentityRow.self)
            guard let holder = holders.first else {
                _ = try await CustomerRepository.insert(profile, id: UUID(), on: tx, by: attribution,
                                                        event: CustomerEventKind.imported, summary: "Imported from CSV")
                state.summary.imported += 1
                continue
            }
            switch onDuplicate {
            case .skip:
                state.summary.skipped += 1
            case .reject:
                state.summary.rejected.append(.init(row: row.line, column: holder.kind,
                                                    reason: "\(holder.value) already belongs to customer \(holder.customer_id.uuidString)."))
            case .merge:
                let owners = Set(holders.map(\.customer_id))
                guard owners.count == 1 else {
                    state.summary.rejected.append(.init(row: row.line, column: holder.kind,
                                                        reason: "The row's phones and emails belong to \(owners.count) different customers."))
                    continue
                }
                let current = try await CustomerRepository.load(holder.customer_id, on: tx)
                let combined = CustomerMerge.combine(survivor: try current.customer().profile, duplicate: profile)
                _ = try await CustomerRepository.replace(current, with: combined, on: tx, by: attribution,
                                                         event: CustomerEventKind.imported)
                state.summary.merged += 1
            }
        }
    }
}
