import Foundation
import Hummingbird

/// Text with NUL characters cannot be stored (PostgreSQL refuses it in `text`), so input that
/// carries one is a 400 before it reaches a repository, whatever the route.
enum NulGuard {
    static let problem = Problem.badRequest("Text may not contain NUL characters (\\u0000).", field: "body")

    /// True when percent-encoded text (a URI, a form body) encodes a NUL as `%00`.
    static func inPercentEncoded(_ text: some StringProtocol) -> Bool {
        text.contains("%00")
    }

    /// True when a posted form holds a NUL, raw or as `%00`.
    static func inForm(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.contains(0) || inPercentEncoded(String(decoding: bytes, as: UTF8.self))
    }

    /// True when a JSON text holds the escape `\u0000` (escapes occur only inside strings; an escaped
    /// backslash before `u0000` is literal text and allowed).
    static func inJSON(_ bytes: some Collection<UInt8>) -> Bool {
        let backslash = UInt8(ascii: "\\")
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            guard byte == backslash, let escaped = iterator.next() else { continue }
            guard escaped == UInt8(ascii: "u") else { continue }
            var digits: [UInt8] = []
            while digits.count < 4, let digit = iterator.next() { digits.append(digit) }
            if digits == Array("0000".utf8) { return true }
        }
        return false
    }
}

/// Rejects requests whose URI encodes a NUL (`%00`) in the path or the query.
struct NulGuardMiddleware: RouterMiddleware {
    typealias Context = KefuRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        if NulGuard.inPercentEncoded(request.uri.string) {
            throw Problem.badRequest("Text may not contain NUL characters (%00).", field: "query")
        }
        return try await next(request, context)
    }
}
