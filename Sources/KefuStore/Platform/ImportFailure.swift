import KefuCore

/// How every CSV import refuses a file as a whole (its header cannot be used, its bytes are not text): a
/// `DomainError.invalid` naming the column (or `file`), which the CLI prints as one line and the import
/// page lists.
enum ImportFailure {
    static func header(_ failure: CSV.HeaderFailure) -> DomainError {
        DomainError.invalid(
            failure.errors.map {
                FieldError(field: $0.column.isEmpty ? "file" : $0.column, code: "bad_header", message: $0.reason)
            })
    }

    static func refused(_ failure: TextDecoding.Failure) -> DomainError {
        DomainError.invalid([FieldError(field: "file", code: failure.code, message: failure.message)])
    }
}
