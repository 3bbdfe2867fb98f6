/// How a staff account's email and name must look. Every path that writes an account (the API,
/// the admin page, `kefu user add`) goes through these, so they cannot drift apart.
public enum UserRules {
    /// The email as stored (normalised: trimmed, lower-cased), or an `invalid_email` error.
    public static func email(_ raw: String) -> Result<String, FieldError> {
        guard let normalized = EmailAddress.normalize(raw) else {
            return .failure(
                FieldError(
                    field: "email", code: "invalid_email",
                    message: "\"\(raw)\" is not a valid email address."))
        }
        return .success(normalized)
    }

    /// The name as stored (trimmed of all white space), or a `required` error when nothing is left.
    public static func name(_ raw: String) -> Result<String, FieldError> {
        let name = raw.trimmingWhitespace()
        guard !name.isEmpty else {
            return .failure(FieldError(field: "name", code: "required", message: "Name is required."))
        }
        return .success(name)
    }

    /// A changed name as stored, or the problem with it.
    public static func validate(name: String) throws(DomainError) -> String {
        switch Self.name(name) {
        case .success(let name): return name
        case .failure(let error): throw .invalid([error])
        }
    }

    /// A new account's email and name as stored, or every problem with them at once.
    public static func validate(email: String, name: String) throws(DomainError) -> (email: String, name: String) {
        switch (Self.email(email), Self.name(name)) {
        case (.success(let email), .success(let name)): return (email, name)
        case let (email, name):
            throw .invalid([email.failure, name.failure].compactMap { $0 })
        }
    }
}

private extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
