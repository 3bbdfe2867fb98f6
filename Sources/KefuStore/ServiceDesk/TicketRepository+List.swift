public import KefuCore
import FluentKit
import SQLKit

extension TicketRepository {
    /// A page of tickets in the query's order.
    public func list(_ query: TicketQuery) async throws -> KefuCore.Page<Ticket> {
        let sql = db.sql
        var select = sql.select().column("*").from("tickets").where("merged_into", .is, SQLLiteral.null)
        if let view = query.view {
            select = select.where("status", .notIn, [TicketStatus.resolved.rawValue, TicketStatus.closed.rawValue])
            switch view {
            case .mine: select = select.where("assignee_id", .equal, query.viewerID)
            case .unassigned: select = select.where("assignee_id", .is, SQLLiteral.null)
            case .team:
                select = select.where(
                    SQLIdentifier("team_id"), .in,
                    SQLGroupExpression(
                        sql.select().column("team_id").from("team_members").where("user_id", .equal, query.viewerID)
                            .select))
            case .pendingApproval:
                select = select.where(
                    SQLIdentifier("id"), .in,
                    SQLGroupExpression(
                        sql.select().column("ticket_id").from("remedies")
                            .where("status", .equal, RemedyStatus.pendingApproval.rawValue).select))
            }
        }
        let equal: [(String, (any Encodable & Sendable)?)] = [
            ("status", query.status?.rawValue), ("type", query.type?.rawValue),
            ("priority", query.priority?.rawValue), ("channel", query.channel?.rawValue),
            ("customer_id", query.customerID), ("owner_id", query.ownerID), ("branch_id", query.branchID),
        ]
        for case (let column, let value?) in equal { select = select.where(column, .equal, SQLBind(value)) }
        if let tag = query.tag?.lowercased() {
            select = select.where(
                SQLIdentifier("id"), .in,
                SQLGroupExpression(
                    sql.select().column("ticket_id").from("ticket_tags").where("tag_key", .equal, tag).select))
        }
        if let text = query.text {
            // The ticket's own text (number, subject, description, every message) or its customer's name.
            let pattern = LikePattern.containing(text)
            let own = LikePattern.condition(SQLColumn("search_text"), pattern)
            let customer = LikePattern.condition(SQLColumn("name_key"), pattern)
            select = select.where(
                SQLQueryString("(\(own) OR customer_id IN (SELECT id FROM customers WHERE \(customer)))"))
        }
        let column = query.sort == .recentlyUpdated ? "updated_at" : "created_at"
        let page = try await select.page(
            TicketRow.self, column: column, descending: query.sort != .oldest, limit: query.limit,
            cursor: query.cursor,
            key: { PageCursor(value: .date(column == "updated_at" ? $0.updated_at : $0.created_at), id: $0.id) }
        ) { $0 }
        return KefuCore.Page(items: try page.items.map { try $0.ticket() }, nextCursor: page.nextCursor)
    }
}
