import Foundation
import Hummingbird
import KefuCore
import Logging

/// Turns every error into `application/problem+json` with the request id, so clients always get
/// the same shape; unexpected errors are logged and answered 500 without internals. Outside the
/// API, `pages` turns errors into HTML pages (and 401 into a redirect to `/login`).
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = KefuRequestContext
    var pages: WebErrorPages?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            if let pages, WebErrorPages.handles(request.uri.path) {
                return pages.response(for: error, request: request, context: context)
            }
            return Self.problem(for: error, context: context).response(requestID: context.requestID)
        }
    }

    static func problem(for error: any Error, context: Context) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let domain as DomainError:
            return Problem.from(domain)
        case let serviceDesk as ServiceDeskError:
            return Problem.from(serviceDesk)
        case let failure as SignedLinkFailure:
            return Problem.from(failure)
        case let limited as RateLimitExceeded:
            return Problem.from(limited)
        case let failure as ValidationFailure:
            return Problem.from(DomainError.invalid(failure.errors))
        case let decoding as DecodingError:
            return decodingProblem(decoding)
        case let http as HTTPError:
            return httpProblem(http)
        default:
            if let http = error as? any HTTPResponseError, http.status.code < 500 {
                return Problem(http.status, "http", http.status.reasonPhrase, detail: http.status.reasonPhrase)
            }
            context.logger.error("Unhandled error: \(String(reflecting: error))")
            return Problem(
                .internalServerError, "internal", "Internal server error",
                detail: "Something went wrong; the request id identifies it in the server log.")
        }
    }

    static func httpProblem(_ error: HTTPError) -> Problem {
        switch error.status {
        case .contentTooLarge:
            return Problem(
                .contentTooLarge, "too-large", "Payload too large", detail: "The request body is larger than 1 MiB.")
        case .notFound:
            return Problem.notFound("No such route or resource.")
        case .badRequest:
            return Problem.badRequest(error.body ?? "The request body is not valid JSON.")
        case .unsupportedMediaType:
            return Problem(
                .unsupportedMediaType, "unsupported-media-type", "Unsupported media type",
                detail: error.body ?? "Send the body as application/json.")
        default:
            return Problem(
                error.status, "http", error.status.reasonPhrase, detail: error.body ?? error.status.reasonPhrase)
        }
    }

    /// A JSON body of the wrong shape: name the field the decoder stopped at.
    static func decodingProblem(_ error: DecodingError) -> Problem {
        func path(_ codingPath: [any CodingKey]) -> String { JSONPath.text(codingPath) }
        let field: String
        let message: String
        switch error {
        case .typeMismatch(let type, let context):
            field = path(context.codingPath)
            message = "Expected \(typeName(type)) for \(field.isEmpty ? "the body" : field)."
        case .valueNotFound(let type, let context):
            field = path(context.codingPath)
            message = "\(field) must be \(typeName(type)), not null."
        case .keyNotFound(let key, let context):
            field = path(context.codingPath + [key])
            message = "\(field) is required."
        case .dataCorrupted(let context):
            field = path(context.codingPath)
            message =
                context.codingPath.isEmpty
                ? "The body is not valid JSON."
                : "\(field) is invalid: \(context.debugDescription)"
        @unknown default:
            field = ""
            message = "The body does not match the expected shape."
        }
        return Problem.badRequest(message, field: field.isEmpty ? "body" : field)
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Double.Type: "a number"
        case is Array<Any>.Type: "an array"
        default: "a \(String(describing: type).lowercased())"
        }
    }
}
