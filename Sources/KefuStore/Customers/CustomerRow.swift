import Foundation
import KefuCore

/// The `customers` table row. Filter and sort columns are copies of profile fields.
struct CustomerRow: Codable {
    var id: UUID
    var kind: String
    var name: String
    var name_key: String
    var tier: String
    var stage: String
    var branch_id: UUID?
    var account_manager_id: UUID?
    /// A copy of the profile's, for purchase imports to find the customer by.
    var external_id: String?
    var `internal`: Bool
    var profile: String
    var search_text: String
    /// `SearchGrams.grams(of: search_text)`, what the gram index holds (see `CreateCustomerGramIndex`).
    var search_grams: String
    var merged_into: UUID?
    var deleted_at: Date?
    var created_at: Date
    var updated_at: Date

    init(
        id: UUID, profile: CustomerProfile, searchExtra: [String], mergedInto: UUID? = nil,
        createdAt: Date, updatedAt: Date
    ) throws {
        self.id = id
        kind = profile.kind.rawValue
        name = profile.name
        name_key = profile.name.lowercased()
        tier = profile.tier ?? ""
        stage = profile.stage.rawValue
        branch_id = profile.branchID
        account_manager_id = profile.accountManagerID
        external_id = profile.externalID
        `internal` = profile.isInternal
        self.profile = try CustomerProfileJSON.encode(profile)
        search_text = CustomerRow.searchText(profile, extra: searchExtra)
        search_grams = SearchGrams.grams(of: search_text)
        merged_into = mergedInto
        deleted_at = nil
        created_at = createdAt
        updated_at = updatedAt
    }

    func customer() throws -> Customer {
        try CustomerListRow.customer(
            id: id, profile: profile, branchID: branch_id, accountManagerID: account_manager_id,
            mergedInto: merged_into,
            createdAt: created_at, updatedAt: updated_at)
    }

    /// Lower-cased text that `q` searches: the searchable fields (phones also without the country
    /// code) and `extra` (note bodies, key contact names).
    static func searchText(_ profile: CustomerProfile, extra: [String]) -> String {
        var parts: [String] = []
        for field in CustomerProfile.fields where field.searchable {
            switch field.value(in: profile) {
            case .text(let text?): parts.append(text)
            case .list(let items) where field.kind == .phones:
                parts += items.flatMap { $0.hasPrefix("+86") ? [$0, String($0.dropFirst(3))] : [$0] }
            case .list(let items): parts += items
            case .text(nil), .flag: continue
            }
        }
        parts += extra
        return parts.filter { !$0.isEmpty }.joined(separator: "\n").lowercased()
    }
}

/// The columns of `customers` that a list page reads: the customer and its sort keys, not the
/// search columns (the larger half of a row).
struct CustomerListRow: Decodable {
    static let columns = [
        "id", "name_key", "profile", "branch_id", "account_manager_id", "merged_into", "created_at", "updated_at",
    ]

    var id: UUID
    var name_key: String
    var profile: String
    var branch_id: UUID?
    var account_manager_id: UUID?
    var merged_into: UUID?
    var created_at: Date
    var updated_at: Date

    func customer() throws -> Customer {
        try Self.customer(
            id: id, profile: profile, branchID: branch_id, accountManagerID: account_manager_id,
            mergedInto: merged_into,
            createdAt: created_at, updatedAt: updated_at)
    }

    static func customer(
        id: UUID, profile: String, branchID: UUID?, accountManagerID: UUID?, mergedInto: UUID?,
        createdAt: Date, updatedAt: Date
    ) throws -> Customer {
        var decoded = try CustomerProfileJSON.decode(profile) ?? StoreJSON.decode(CustomerProfile.self, from: profile)
        // The columns are the truth: deleting a branch clears it without rewriting every profile.
        decoded.branchID = branchID
        decoded.accountManagerID = accountManagerID
        return Customer(id: id, profile: decoded, mergedInto: mergedInto, createdAt: createdAt, updatedAt: updatedAt)
    }
}

/// A phone or email claimed by one customer (primary key = the normalised value).
struct IdentityRow: Codable {
    var value: String
    var customer_id: UUID
    var kind: String

    /// The rows of every phone and email of `profile`.
    static func rows(of profile: CustomerProfile, for id: UUID) -> [IdentityRow] {
        profile.phones.map { IdentityRow(value: $0, customer_id: id, kind: "phone") }
            + profile.emails.map { IdentityRow(value: $0, customer_id: id, kind: "email") }
    }
}

struct TagRow: Codable {
    var customer_id: UUID
    var tag_key: String

    /// Tags are matched without regard to case.
    static func rows(of tags: [String], for id: UUID) -> [TagRow] {
        tags.map { TagRow(customer_id: id, tag_key: $0.lowercased()) }
    }
}
