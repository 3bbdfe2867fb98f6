public import Foundation

/// A saved answer an agent inserts from the reply box, with placeholders filled for the ticket at hand.
public struct CannedReply: Codable, Sendable, Equatable, Identifiable {
    public var id: UUID
    public var title: String
    public var body: String
    public var createdByID: UUID?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, title: String, body: String, createdByID: UUID?, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.title = title
        self.body = body
        self.createdByID = createdByID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, title, body
        case createdByID = "created_by"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    /// `created_by` is written as `null` when its author is gone.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(body, forKey: .body)
        try c.encode(createdByID, forKey: .createdByID)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
    }

    public static let maxTitleLength = 200
    public static let maxBodyLength = 10_000

    /// A title and body trimmed and checked: both required, at most 200 and 10,000 characters.
    public static func validated(title: String, body: String) throws(ValidationFailure) -> (title: String, body: String)
    {
        let title = title.trimmingWhitespace()
        let body = body.trimmingWhitespace()
        var errors: [FieldError] = []
        for (field, value, limit) in [("title", title, maxTitleLength), ("body", body, maxBodyLength)] {
            if value.isEmpty {
                errors.append(FieldError(field: field, code: "required", message: "\(field) is required."))
            } else if value.count > limit {
                errors.append(FieldError(field: field, code: "too_long", message: "Longer than \(limit) characters."))
            }
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return (title, body)
    }

    /// The placeholders a body may hold, by name.
    public static let placeholders = ["customer.name", "ticket.number", "agent.name"]

    /// The body with `{{customer.name}}`, `{{ticket.number}}` and `{{agent.name}}` (spaces inside the braces
    /// allowed) replaced by the values, in one pass, so a value that itself looks like a placeholder stays as
    /// it is. Unknown placeholders are left as written. Values go in as plain text: whoever shows the result
    /// escapes it.
    public func render(customerName: String, ticketNumber: String, agentName: String) -> String {
        let values = ["customer.name": customerName, "ticket.number": ticketNumber, "agent.name": agentName]
        var output = ""
        var rest = body[...]
        while let open = rest.range(of: "{{") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingWhitespace()
            if let value = values[name] {
                output += value
                rest = rest[close.upperBound...]
            } else {
                // Only the braces are passed over, so `{{{{agent.name}}` still finds the placeholder inside.
                output += "{{"
                rest = rest[open.upperBound...]
            }
        }
        return output + rest
    }
}
