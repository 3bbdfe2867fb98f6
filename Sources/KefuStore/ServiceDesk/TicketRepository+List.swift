import Foundation
public import KefuCore
import FluentKit
import SQLKit

extension TicketRepository {
    /// A page of tickets in the query's order.
    ///
    /// A text search goes through `SearchIndex.tickets`. On SQLite, in the creation orders, it walks
    /// the index newest (or oldest) first and stops once the page is full, so a common term costs no
    /// more than a rare one; such a page follows the order in which tickets were stored, which is
    /// their creation order. A view of one agent's or team's open tickets, a remedy queue or one
    /// customer's tickets are few: there the text is matched on those rows instead.
    public func list(_ query: TicketQuery) async throws -> KefuCore.Page<Ticket> {
        let sql = db.sql
        var teams: [UUID] = []
        if query.view == .team {
            // Named one by one, so the planner reads the open tickets of just these teams in order.
            struct Row: Decodable { var team_id: UUID }
            teams = try await sql.select().column("team_id").from("team_members").where(
                "user_id", .equal, query.viewerID
            )
            .all(decoding: Row.self).map(\.team_id)
            guard !teams.isEmpty else { return KefuCore.Page(items: [], nextCursor: nil) }
        }
        let index = SearchIndex.tickets
        let candidates = index.candidates(for: query.text, engine: sql.engine)
        if case .fts(let fts, let match) = candidates, query.sort != .recentlyUpdated, !Self.isNarrow(query) {
            return try await walk(query, fts: fts, match: match, teams: teams, on: sql)
        }
        var select = filtered(sql.select().column("*").from("tickets"), query, teams: teams, on: sql)
        if query.text != nil, !Self.isNarrow(query) { select = index.restrict(select, to: candidates) }
        let (column, descending) = Self.order(query)
        let page = try await select.page(
            TicketRow.self, column: column, descending: descending, limit: query.limit, cursor: query.cursor,
            key: { PageCursor(value: .date(Self.orderValue(of: $0, column: column)), id: $0.id) }
        ) { $0 }
        return KefuCore.Page(items: try page.items.map { try $0.ticket() }, nextCursor: page.nextCursor)
    }

    /// True when the query's filters alone leave few tickets.
    private static func isNarrow(_ query: TicketQuery) -> Bool {
        query.customerID != nil || [.mine, .team, .pendingApproval, .breachingSoon].contains(query.view)
    }

    /// The column a page is ordered by, and whether newest first: `breaching_soon` goes by the earliest
    /// running due instant, soonest first; the rest by the query's sort.
    private static func order(_ query: TicketQuery) -> (String, Bool) {
        if query.view == .breachingSoon { return ("sla_due_at", false) }
        return (query.sort == .recentlyUpdated ? "updated_at" : "created_at", query.sort != .oldest)
    }

    private static func orderValue(of row: TicketRow, column: String) -> Date {
        switch column {
        case "updated_at": row.updated_at
        case "sla_due_at": row.sla_due_at ?? .distantPast
        default: row.created_at
        }
    }

    /// The index's candidates in storage order, filtered, one page. The cursor's ticket marks where
    /// the previous page stopped.
    private func walk(
        _ query: TicketQuery, fts: String, match: String, teams: [UUID], on sql: any SQLDatabase
    ) async throws -> Page<Ticket> {
        let index = SearchIndex.tickets
        var select = filtered(index.walk(fts, match, columns: ["*"], on: sql), query, teams: teams, on: sql)
        let descending = query.sort != .oldest
        let rowid = SQLColumn("rowid", table: fts)
        if let cursor = query.cursor {
            select = select.where(
                SQLQueryString("\(rowid) \(unsafeRaw: descending ? "<" : ">") \(index.rowid(of: cursor.id))"))
        }
        let rows = try await select.orderBy(
            SQLOrderBy(expression: rowid, direction: descending ? SQLDirection.descending : SQLDirection.ascending)
        ).limit(query.limit + 1)
            .all(decoding: TicketRow.self)
        let kept = rows.prefix(query.limit)
        let next = rows.count > query.limit ? kept.last.map { PageCursor(value: .date($0.created_at), id: $0.id) } : nil
        return KefuCore.Page(items: try kept.map { try $0.ticket() }, nextCursor: next)
    }

    /// `select` (which reads `tickets`) narrowed to the query's view, filters and text; `teams` are
    /// the viewer's, for the team view.
    private func filtered(_ select: SQLSelectBuilder, _ query: TicketQuery, teams: [UUID], on sql: any SQLDatabase)
        -> SQLSelectBuilder
    {
        func column(_ name: String) -> SQLColumn { SQLColumn(name, table: "tickets") }
        var select = select.where(column("merged_into"), .is, SQLLiteral.null)
        if let view = query.view {
            select = select.where(SQLRaw(TicketSearch.openCondition))
            switch view {
            case .mine: select = select.where(column("assignee_id"), .equal, SQLBind(query.viewerID))
            case .unassigned: select = select.where(column("assignee_id"), .is, SQLLiteral.null)
            case .team: select = select.where(column("team_id"), .in, SQLBind.group(teams))
            case .breachingSoon:
                select = select.where(
                    column("sla_due_at"), .lessThanOrEqual,
                    SQLBind(clock.now().addingTimeInterval(TicketQuery.breachingSoonWindow)))
            case .pendingApproval:
                select = select.where(
                    column("id"), .in,
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
        for case (let name, let value?) in equal { select = select.where(column(name), .equal, SQLBind(value)) }
        if let tag = query.tag?.lowercased() {
            select = select.where(
                column("id"), .in,
                SQLGroupExpression(
                    sql.select().column("ticket_id").from("ticket_tags").where("tag_key", .equal, tag).select))
        }
        if let text = query.text {
            // The ticket's own text (number, subject, description, every message) or its customer's name.
            let pattern = LikePattern.containing(text)
            select = select.where(
                SQLQueryString(
                    """
                    (\(LikePattern.condition(column("search_text"), pattern)) \
                    OR \(LikePattern.condition(column("customer_name"), pattern)))
                    """))
        }
        return select
    }
}
