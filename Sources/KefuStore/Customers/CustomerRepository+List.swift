public import KefuCore
import FluentKit
import SQLKit

extension CustomerRepository {
    /// One page of live (not deleted, not merged) customers matching `query`.
    public func list(_ query: CustomerQuery) async throws -> Page<Customer> {
        let limit = max(1, min(query.limit, CustomerQuery.maxLimit))
        var select = db.sql.select().column("*").from("customers")
            .where("deleted_at", .is, SQLLiteral.null).where("merged_into", .is, SQLLiteral.null)
        select = Self.applyFilters(query, to: select)
        return try await select.page(CustomerRow.self, column: query.sort.column, descending: query.sort.descending,
                                     limit: limit, cursor: query.cursor, key: { row in
            let value: PageCursor.Value = switch query.sort {
            case .name, .nameDescending: .text(row.name_key)
            case .createdAt, .createdAtDescending: .date(row.created_at)
            case .updatedAt, .updatedAtDescending: .date(row.updated_at)
            }
            return PageCursor(value: value, id: row.id)
        }, map: { try $0.customer() })
    }

    /// How many live customers match the filters of `query` (for the list page's counts).
    public func count(_ query: CustomerQuery) async throws -> Int {
        struct Count: Decodable { var n: Int }
        var select = db.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("customers")
            .where("deleted_at", .is, SQLLiteral.null).where("merged_into", .is, SQLLiteral.null)
        select = Self.applyFilters(query, to: select)
        return try await select.first(decoding: Count.self)?.n ?? 0
    }

    static func applyFilters(_ query: CustomerQuery, to select: SQLSelectBuilder) -> SQLSelectBuilder {
        var select = select
        if let text = query.text?.trimmingCharacters(in: .whitespaces).lowercased(), !text.isEmpty {
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            select = select.where(SQLQueryString("search_text LIKE \(bind: "%" + escaped + "%") ESCAPE '\\'"))
        }
        if let tier = query.tier { select = select.where("tier", .equal, tier) }
        if let stage = query.stage { select = select.where("stage", .equal, stage) }
        if let kind = query.kind { select = select.where("kind", .equal, kind) }
        if let branchID = query.branchID { select = select.where("branch_id", .equal, branchID) }
        if let isInternal = query.isInternal { select = select.where("internal", .equal, isInternal) }
        if let tag = query.tag?.lowercased() {
            select = select.where(SQLQueryString("id IN (SELECT customer_id FROM customer_tags WHERE tag_key = \(bind: tag))"))
        }
        return select
    }
}
