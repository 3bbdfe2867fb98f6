import Foundation
import KefuCore

/// One chunk of an import file made ready on a parsing task: rows validated, branches and account managers resolved,
/// ids chosen and the costly column values (profile JSON, search text and grams) computed, so the single
/// writer only decides duplicates and writes.
struct ImportBatch: Sendable {
    /// A valid row that will become a customer unless it turns out to be a duplicate.
    struct Candidate: Sendable {
        var line: Int
        var id: UUID
        var profile: CustomerProfile
        var columns: CustomerColumns
    }

    var candidates: [Candidate] = []
    var errors: [CSV.RowError] = []
    /// Records read, blank ones included, for the progress line.
    var records = 0

    /// Validates `chunk` and prepares its rows; an unknown branch is an error on column `branch`, an email
    /// that is no active staff user's (`userIDs`, by email) one on column `account_manager`.
    static func prepare(
        _ chunk: CustomerCSV.Chunk, branchIDs: [String: UUID], userIDs: [String: UUID], ids: ImportIDs
    ) throws -> ImportBatch {
        let parsed = chunk.parse()
        var batch = ImportBatch(errors: parsed.errors, records: chunk.count)
        batch.candidates.reserveCapacity(parsed.rows.count)
        for row in parsed.rows {
            var profile = row.profile
            if let branchName = row.branchName, !branchName.isEmpty {
                guard let id = branchIDs[branchName.lowercased()] else {
                    batch.errors.append(
                        .init(row: row.line, column: "branch", reason: "No branch is named \"\(branchName)\"."))
                    continue
                }
                profile.branchID = id
            }
            if let email = row.accountManagerEmail {
                guard let id = userIDs[email] else {
                    batch.errors.append(
                        .init(
                            row: row.line, column: "account_manager",
                            reason: "No active staff user has the email \"\(email)\"."))
                    continue
                }
                profile.accountManagerID = id
            }
            batch.candidates.append(
                Candidate(
                    line: row.line, id: ids.customer(line: row.line), profile: profile,
                    columns: try CustomerColumns(profile)))
        }
        return batch
    }
}

/// The `customers` columns derived from a profile that cost real time per row, computed the way
/// `CustomerRow` computes them (a new customer has no notes or contacts to search yet).
struct CustomerColumns: Sendable {
    var nameKey: String
    var profileJSON: String
    var searchText: String
    var searchGrams: String

    init(_ profile: CustomerProfile) throws {
        nameKey = profile.name.lowercased()
        profileJSON = try CustomerProfileJSON.encode(profile)
        searchText = CustomerRow.searchText(profile, extra: [])
        searchGrams = SearchGrams.grams(of: searchText)
    }
}
