import HTTPTypes
import Hummingbird

/// Headers every response carries: `X-Content-Type-Options: nosniff`, so a browser never runs an
/// uploaded or echoed text as a script or page of another type.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = KefuRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }
}
