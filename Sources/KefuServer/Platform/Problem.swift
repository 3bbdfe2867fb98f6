import Foundation
import Hummingbird
import KefuCore

/// An RFC 9457 problem response (`application/problem+json`): a stable `type`, a human `title`
/// and `detail`, and for validation failures one entry per field in `errors`.
struct Problem: Error, Encodable, Sendable {
    var status: HTTPResponse.Status
    var type: String
    var title: String
    var detail: String
    var errors: [FieldError]?
    var conflictingID: UUID?
    var location: String?
    var retryAfter: Int?
    var requestID: String?
    /// The complaint steps still to record before a complaint may be resolved (422 only).
    var missing: [String]?

    static let typeBase = "https://kefu.dev/problems/"

    init(
        _ status: HTTPResponse.Status, _ slug: String, _ title: String, detail: String, errors: [FieldError]? = nil,
        conflictingID: UUID? = nil
    ) {
        self.status = status
        type = Self.typeBase + slug
        self.title = title
        self.detail = detail
        self.errors = errors
        self.conflictingID = conflictingID
    }

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, errors
        case conflictingID = "conflicting_id"
        case requestID = "request_id"
        case missing
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        try c.encode(title, forKey: .title)
        try c.encode(Int(status.code), forKey: .status)
        try c.encode(detail, forKey: .detail)
        try c.encodeIfPresent(errors, forKey: .errors)
        try c.encodeIfPresent(conflictingID, forKey: .conflictingID)
        try c.encodeIfPresent(requestID, forKey: .requestID)
        try c.encodeIfPresent(missing, forKey: .missing)
    }

    static func unauthorized(_ detail: String = "Log in or send a valid bearer token.") -> Problem {
        Problem(.unauthorized, "unauthorized", "Unauthorized", detail: detail)
    }

    static func forbidden(_ role: Role) -> Problem {
        Problem(.forbidden, "forbidden", "Forbidden", detail: "This needs the \(role.rawValue) role or higher.")
    }

    static func badRequest(_ detail: String, field: String? = nil, code: String = "invalid") -> Problem {
        Problem(
            .badRequest, "validation", "Invalid request", detail: detail,
            errors: field.map { [FieldError(field: $0, code: code, message: detail)] })
    }

    static func notFound(_ detail: String = "No such resource.") -> Problem {
        Problem(.notFound, "not-found", "Not found", detail: detail)
    }

    /// The response for a domain or store error.
    static func from(_ error: DomainError) -> Problem {
        switch error {
        case .invalid(let errors):
            return Problem(
                .badRequest, "validation", "Invalid request",
                detail: errors.map(\.message).joined(separator: " "), errors: errors)
        case .notFound(let entity, let id):
            return Problem(.notFound, "not-found", "Not found", detail: "No \(entity) with id \(id).")
        case .conflict(let message, let field, let other):
            return Problem(
                .conflict, "conflict", "Conflict", detail: message,
                errors: field.map { [FieldError(field: $0, code: "conflict", message: message)] },
                conflictingID: other)
        case .merged(let survivor):
            var problem = Problem(
                .permanentRedirect, "merged", "Merged",
                detail: "This customer was merged into \(survivor.uuidString).")
            problem.location = "/api/v1/customers/\(survivor.uuidString)"
            return problem
        }
    }

    func response(requestID: String?) -> Response {
        var problem = self
        problem.requestID = requestID
        let data = (try? KefuJSON.encoder.encode(problem)) ?? Data()
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let location { headers[.location] = location }
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
