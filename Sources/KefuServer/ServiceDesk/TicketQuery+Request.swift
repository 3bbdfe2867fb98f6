import Foundation
import Hummingbird
import KefuCore
import KefuStore

extension TicketQuery {
    /// The list's parameters (`view`, `status`, `type`, `priority`, `channel`, `customer_id`,
    /// `owner_id`, `branch_id`, `tag`, `q`, `sort`, `limit`, `cursor`); a malformed one is a 400.
    /// The inbox page reads `view` itself (it adds `all`) and passes `readingView: false`.
    init(_ request: Request, cursors: CursorSigner, readingView: Bool = true) throws {
        let fields = request.queryFields
        var query = TicketQuery()
        if readingView { query.view = try fields.choice("view", View.self) }
        query.status = try fields.choice("status", TicketStatus.self)
        query.type = try fields.choice("type", TicketType.self)
        query.priority = try fields.choice("priority", TicketPriority.self)
        query.channel = try fields.choice("channel", TicketChannel.self)
        query.customerID = try fields.uuid("customer_id")
        query.ownerID = try fields.uuid("owner_id")
        query.branchID = try fields.uuid("branch_id")
        query.tag = fields.string("tag")?.trimmedOrNil
        query.text = try fields.searchText()
        query.sort = try fields.choice("sort", Sort.self) ?? .newest
        query.limit = try fields.limit()
        query.cursor = try fields.cursor(cursors)
        self = query
    }
}
