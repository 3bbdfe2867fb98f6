import Foundation
import Hummingbird
import KefuCore

/// Fields of an `application/x-www-form-urlencoded` body or a query string. Hummingbird's query
/// map keeps `+` as is; browsers send spaces as `+`, so forms are decoded here.
struct WebForm: Sendable {
    var pairs: [(name: String, value: String)] = []

    init(pairs: [(name: String, value: String)] = []) { self.pairs = pairs }

    init(urlEncoded text: String) {
        pairs = text.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    static func query(_ request: Request) -> WebForm { WebForm(urlEncoded: request.uri.query ?? "") }

    /// The first value of `name`, trimmed; nil when absent or blank.
    subscript(_ name: String) -> String? {
        guard
            let value = pairs.first(where: { $0.name == name })?.value.trimmingCharacters(in: .whitespacesAndNewlines),
            !value.isEmpty
        else { return nil }
        return value
    }

    /// The first value of `name` as sent, untrimmed; nil when absent.
    func value(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// The raw first value, untrimmed ("" when absent), for re-displaying what was typed.
    func raw(_ name: String) -> String { pairs.first { $0.name == name }?.value ?? "" }

    func has(_ name: String) -> Bool { pairs.contains { $0.name == name } }

    /// Percent-encodes a value for a URL query.
    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// A query string from name/value pairs, blank values left out.
    static func queryString(_ pairs: [(String, String?)]) -> String {
        pairs.compactMap { name, value in value.flatMap { $0.isEmpty ? nil : "\(name)=\(encode($0))" } }
            .joined(separator: "&")
    }

    /// Splits a list typed into one box: one per line, or separated by commas or semicolons
    /// (ASCII or full-width, as Chinese keyboards type them).
    static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { "\n\r,;，；、".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

extension WebForm {
    static let maxBodySize = 1 << 20

    /// Reads a posted form and checks its `csrf_token` against the session's; a missing or
    /// wrong token is a 403 and nothing is done.
    static func posted(_ request: Request, context: KefuRequestContext) async throws -> WebForm {
        let form = try await read(request)
        try WebSession.checkCSRF(form.raw("csrf_token"), context: context)
        return form
    }

    /// Reads a form posted from a page shown without a session and checks its `csrf_token`
    /// against the double-submit cookie (see `WebSession`).
    static func postedWithoutSession(_ request: Request) async throws -> WebForm {
        let form = try await read(request)
        try WebSession.checkSessionlessCSRF(form.raw("csrf_token"), request: request)
        return form
    }

    /// Reads a form posted from a device page that a SameSite device cookie admitted (the queue kiosk): that
    /// cookie, which other sites' posts arrive without, is its CSRF defence, so there is no token to check.
    static func postedFromDevice(_ request: Request) async throws -> WebForm {
        try await read(request)
    }

    private static func read(_ request: Request) async throws -> WebForm {
        let type = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces)
            .lowercased()
        guard type == "application/x-www-form-urlencoded" else {
            throw Problem(
                .unsupportedMediaType, "unsupported-media-type", "Unsupported media type",
                detail: "Post the form as application/x-www-form-urlencoded.")
        }
        let buffer = try await request.body.collect(upTo: maxBodySize)
        if NulGuard.inForm(buffer.readableBytesView) { throw NulGuard.problem }
        return WebForm(urlEncoded: String(decoding: buffer.readableBytesView, as: UTF8.self))
    }
}

extension WebForm {
    /// The value of `name` as one of `Value`'s cases; nil when blank, a field error when it is none.
    func choice<Value: RawRepresentable<String>>(_ name: String, _: Value.Type) throws(ValidationFailure) -> Value? {
        guard let text = self[name] else { return nil }
        guard let value = Value(rawValue: text) else {
            throw ValidationFailure([FieldError(field: name, code: "invalid", message: "Not one of the choices.")])
        }
        return value
    }
}
