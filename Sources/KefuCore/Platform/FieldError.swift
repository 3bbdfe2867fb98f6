/// One validation failure on one input field. `code` is stable and localised by the server;
/// `message` is the English fallback.
public struct FieldError: Codable, Sendable, Equatable, Error {
    public var field: String
    public var code: String
    public var message: String

    public init(field: String, code: String, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }
}

/// A set of field errors raised together so a form can show every problem at once.
public struct ValidationFailure: Error, Sendable, Equatable {
    public var errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }
}
