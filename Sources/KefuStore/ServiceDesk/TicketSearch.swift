import Foundation
import KefuCore
import SQLKit

/// What a ticket search reads, kept in step on every write: `search_text` (number, subject,
/// description and every message, lower-cased), `customer_name` and their `search_grams`, which
/// `SearchIndex.tickets` indexes.
enum TicketSearch {
    /// The tickets an inbox view shows (neither resolved nor closed), written exactly as the partial
    /// indexes of `CreateTicketSearchIndex` are, so SQLite sees that a query's condition implies
    /// theirs.
    static let openCondition = "status IN ('new', 'open', 'pending_customer', 'on_hold')"

    static func grams(of searchText: String, customerName: String) -> String {
        SearchGrams.grams(of: searchText + "\n" + customerName)
    }

    /// `update` with `text` (a message's body) added to the ticket's search text and grams, so a
    /// search finds a ticket by any message, internal notes included (staff search).
    static func adding(_ text: String, to update: SQLUpdateBuilder) -> SQLUpdateBuilder {
        let lowered = text.lowercased()
        let updated = update.set(
            SQLIdentifier("search_text"), to: SQLQueryString("search_text || \(bind: "\n" + lowered)"))
        let grams = SearchGrams.grams(of: lowered)
        guard !grams.isEmpty else { return updated }
        return updated.set(SQLIdentifier("search_grams"), to: SQLQueryString("search_grams || \(bind: " " + grams)"))
    }

    /// `update` (of a merge's survivor) with the search text and grams of the ticket `merged` added:
    /// a search for its number, words or messages finds the survivor, which lists those messages now.
    static func absorbing(_ merged: UUID, into update: SQLUpdateBuilder) -> SQLUpdateBuilder {
        func appending(_ column: String, separator: String) -> SQLQueryString {
            SQLQueryString(
                """
                \(ident: column) || \(bind: separator) || (SELECT m.\(ident: column) FROM tickets m WHERE m.id = \(bind: merged))
                """)
        }
        return update.set(SQLIdentifier("search_text"), to: appending("search_text", separator: "\n"))
            .set(SQLIdentifier("search_grams"), to: appending("search_grams", separator: " "))
    }

    /// Gives the customer's tickets its new lower-cased name (after a rename), with their grams.
    static func rename(customer id: UUID, to nameKey: String, on tx: any SQLDatabase) async throws {
        struct Row: Decodable {
            var id: UUID
            var search_text: String
            var customer_name: String
        }
        let rows = try await tx.select().columns("id", "search_text", "customer_name").from("tickets")
            .where("customer_id", .equal, id).all(decoding: Row.self)
        for row in rows where row.customer_name != nameKey {
            try await tx.update("tickets").set("customer_name", to: nameKey)
                .set("search_grams", to: grams(of: row.search_text, customerName: nameKey))
                .where("id", .equal, row.id).run()
        }
    }
}
