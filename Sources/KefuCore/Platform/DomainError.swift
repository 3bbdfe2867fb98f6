public import Foundation

/// Failures the domain and the store report; the server maps each case to one HTTP status
/// and problem type, the CLI to one line on stderr.
public enum DomainError: Error, Sendable, Equatable {
    /// 400: input failed validation, field by field.
    case invalid([FieldError])
    /// 404: the named entity does not exist (or is deleted).
    case notFound(entity: String, id: String)
    /// 409: the change clashes with existing data; `conflictingID` names the other record.
    case conflict(message: String, field: String?, conflictingID: UUID?)
    /// 308 for API clients: the customer was merged into `survivor`.
    case merged(into: UUID)

    public static func invalid(_ failure: ValidationFailure) -> DomainError { .invalid(failure.errors) }
}
