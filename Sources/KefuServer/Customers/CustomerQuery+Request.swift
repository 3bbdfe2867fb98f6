import Foundation
import Hummingbird
import KefuCore
import KefuStore

extension CustomerQuery {
    /// The list's parameters, decoded once for the API and the list page alike (`q`, `tier`, `tag`,
    /// `stage`, `kind`, `branch_id`, `internal`, `sort`, `limit`, `cursor`); a malformed one is a 400.
    init(_ request: Request, cursors: CursorSigner) throws {
        let fields = request.queryFields
        var query = CustomerQuery()
        let text = fields.string("q")
        if let text, text.count > 200 { throw Problem.badRequest("q is longer than 200 characters.", field: "q") }
        query.text = text
        query.tier = fields.string("tier")?.trimmedOrNil
        query.tag = fields.string("tag")?.trimmedOrNil
        if let stage = fields.string("stage")?.nilIfBlank {
            guard let parsed = LifecycleStage(parsing: stage) else {
                throw Problem.badRequest("stage must be one of new, returning, loyal, at_risk, lost.", field: "stage")
            }
            query.stage = parsed
        }
        if let kind = fields.string("kind")?.nilIfBlank {
            guard let parsed = CustomerKind(rawValue: kind) else {
                throw Problem.badRequest("kind must be person or organization.", field: "kind")
            }
            query.kind = parsed
        }
        query.branchID = try fields.uuid("branch_id")
        query.isInternal = try fields.bool("internal")
        if let sort = fields.string("sort")?.nilIfBlank {
            guard let parsed = CustomerQuery.Sort(rawValue: sort) else {
                throw Problem.badRequest(
                    "sort must be one of \(CustomerQuery.Sort.allCases.map(\.rawValue).joined(separator: ", ")).",
                    field: "sort")
            }
            query.sort = parsed
        }
        query.limit = try fields.limit()
        query.cursor = try fields.cursor(cursors)
        self = query
    }
}
