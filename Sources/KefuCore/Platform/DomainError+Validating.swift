extension DomainError {
    /// What `validate` returns, a `ValidationFailure` it throws rethrown as `.invalid` (a 400 naming each field).
    public static func validating<Value>(_ validate: () throws -> Value) rethrows -> Value {
        do {
            return try validate()
        } catch let failure as ValidationFailure {
            throw DomainError.invalid(failure)
        }
    }
}
