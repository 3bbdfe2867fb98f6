import Hummingbird
import KefuCore

extension SLAReport.Grouping {
    /// The request's `group_by` (blank: `period`); anything else is a 400 naming it.
    init(_ request: Request) throws {
        do throws(ValidationFailure) {
            self = try SLAReport.Grouping.parse(request.query("group_by"))
        } catch {
            throw DomainError.invalid(error)
        }
    }
}
