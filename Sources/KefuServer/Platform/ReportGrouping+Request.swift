import Hummingbird
import KefuCore

extension ReportGrouping {
    /// The request's `group_by` (blank: the first grouping); anything else is a 400 naming it.
    init(_ request: Request) throws {
        do throws(ValidationFailure) {
            self = try Self.parse(request.query("group_by"))
        } catch {
            throw DomainError.invalid(error)
        }
    }
}
