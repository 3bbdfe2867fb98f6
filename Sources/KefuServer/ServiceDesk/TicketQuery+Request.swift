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
        if readingView { query.view = try Self.choice(fields, "view", View.self) }
        query.status = try Self.choice(fields, "status", TicketStatus.self)
        query.type = try Self.choice(fields, "type", TicketType.self)
        query.priority = try Self.choice(fields, "priority", TicketPriority.self)
        query.channel = try Self.choice(fields, "channel", TicketChannel.self)
        query.customerID = try fields.uuid("customer_id")
        query.ownerID = try fields.uuid("owner_id")
        query.branchID = try fields.uuid("branch_id")
        query.tag = fields.string("tag")?.trimmedOrNil
        let text = fields.string("q")
        if let text, text.count > 200 { throw Problem.badRequest("q is longer than 200 characters.", field: "q") }
        query.text = text
        query.sort = try Self.choice(fields, "sort", Sort.self) ?? .newest
        query.limit = try fields.limit()
        query.cursor = try fields.cursor(cursors)
        self = query
    }

    private static func choice<Value: RawRepresentable<String> & CaseIterable>(
        _ fields: QueryFields, _ name: String, _ type: Value.Type
    ) throws -> Value? {
        guard let text = fields.string(name)?.nilIfBlank else { return nil }
        guard let value = Value(rawValue: text) else {
            let values = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw Problem.badRequest("\(name) must be one of \(values).", field: name)
        }
        return value
    }
}
