import Hummingbird
import KefuCore

/// Hands the application's clock to every request, so handlers never read the system time.
struct ClockMiddleware: RouterMiddleware {
    typealias Context = KefuRequestContext
    let clock: WallClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var context = context
        context.clock = clock
        return try await next(request, context)
    }
}
