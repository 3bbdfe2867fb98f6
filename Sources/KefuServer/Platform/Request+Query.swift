import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// A request's query string, decoded once as browsers and form encoders send it (`+` is a space,
/// `%2B` a plus), the same for the API and the pages. Typed readers: a malformed value is a 400
/// naming the parameter, never a silent default.
struct QueryFields {
    let form: WebForm

    init(_ request: Request) { form = WebForm.query(request) }

    func string(_ name: String) -> String? { form.value(name) }

    func uuid(_ name: String) throws -> UUID? {
        guard let text = string(name), !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text) else { throw Problem.badRequest("\(name) must be a UUID.", field: name) }
        return id
    }

    func bool(_ name: String) throws -> Bool? {
        guard let text = string(name)?.lowercased(), !text.isEmpty else { return nil }
        switch text {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw Problem.badRequest("\(name) must be true or false.", field: name)
        }
    }

    func limit(default value: Int = 50, max maximum: Int = 200) throws -> Int {
        guard let text = string("limit"), !text.isEmpty else { return value }
        guard let limit = Int(text), (1...maximum).contains(limit) else {
            throw Problem.badRequest("limit must be a whole number from 1 to \(maximum).", field: "limit")
        }
        return limit
    }

    /// The page cursor in `name`: nil when absent, a 400 `invalid` when this server did not sign it.
    func cursor(_ signer: CursorSigner, name: String = "cursor") throws -> PageCursor? {
        guard let text = string(name), !text.isEmpty else { return nil }
        guard let cursor = signer.cursor(from: text) else {
            throw Problem.badRequest("\(name) is not one this server issued.", field: name)
        }
        return cursor
    }
}

/// One query parameter at a time (each call decodes the query string; a handler reading many
/// takes `queryFields` once).
extension Request {
    var queryFields: QueryFields { QueryFields(self) }

    func query(_ name: String) -> String? { queryFields.string(name) }

    func queryUUID(_ name: String) throws -> UUID? { try queryFields.uuid(name) }

    func queryLimit(default value: Int = 50, max maximum: Int = 200) throws -> Int {
        try queryFields.limit(default: value, max: maximum)
    }

    func queryCursor(_ signer: CursorSigner, name: String = "cursor") throws -> PageCursor? {
        try queryFields.cursor(signer, name: name)
    }

    /// Reads the JSON body as a dictionary (for PATCH) after checking the content type.
    func jsonObject(context: KefuRequestContext) async throws -> [String: Any] {
        let data = try await jsonData(context: context)
        guard let object = try? JSONSerialization.jsonObject(with: data), let dictionary = object as? [String: Any]
        else {
            throw Problem.badRequest("The body must be a JSON object.", field: "body")
        }
        return dictionary
    }

    /// Decodes the JSON body after checking the content type.
    func decodeJSON<T: Decodable>(_ type: T.Type, context: KefuRequestContext) async throws -> T {
        // A body that is not an object fails in the decoder's top-level container: a 400 naming "body".
        try context.requestDecoder.decode(T.self, from: try await jsonData(context: context))
    }

    /// Decodes the JSON body, or nil when the request has none (an action whose fields are all optional).
    func decodeJSONIfPresent<T: Decodable>(_ type: T.Type, context: KefuRequestContext) async throws -> T? {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { return nil }
        return try context.requestDecoder.decode(T.self, from: try jsonData(buffer))
    }

    private func jsonData(context: KefuRequestContext) async throws -> Data {
        try jsonData(try await body.collect(upTo: context.maxUploadSize))
    }

    private func jsonData(_ buffer: ByteBuffer) throws -> Data {
        let type = headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard type == "application/json" || (type?.hasSuffix("+json") ?? false) else {
            throw Problem(
                .unsupportedMediaType, "unsupported-media-type", "Unsupported media type",
                detail: "Send the body as application/json.")
        }
        if NulGuard.inJSON(buffer.readableBytesView) { throw NulGuard.problem }
        return Data(buffer.readableBytesView)
    }
}

extension Parameters {
    /// A path id; malformed ids are a 400, unknown ones a 404 from the repository.
    func uuid(_ name: String) throws -> UUID {
        guard let text = get(name), let id = UUID(uuidString: text) else {
            throw Problem.badRequest("\(name) in the path must be a UUID.", field: name)
        }
        return id
    }
}
