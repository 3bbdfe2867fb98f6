import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `POST /api/v1/auth/token` (log in for a bearer token) and `DELETE` (revoke it).
struct AuthRoutes {
    let tokens: TokenRepository
    let authenticator: Authenticator
    let configuration: ServerConfiguration

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.post("auth/token", use: issue)
        group.delete("auth/token", use: revoke)
    }

    struct Credentials: Decodable {
        var email: String
        var password: String
    }

    struct TokenDTO: ResponseEncodable {
        var token: String
        var expires_at: Date
    }

    @Sendable func issue(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let credentials = try await request.decodeJSON(Credentials.self, context: context)
        let user = try await authenticator.authenticate(
            email: credentials.email, password: credentials.password, context: context)
        let issued = try await tokens.issue(
            for: user.id, kind: .api, lifetime: configuration.tokenLifetime,
            now: context.clock.now())
        return try created(
            TokenDTO(token: issued.token, expires_at: issued.expiresAt), request: request, context: context,
            location: nil)
    }

    @Sendable func revoke(_ request: Request, context: KefuRequestContext) async throws -> Response {
        _ = try context.requireUser()
        if let header = request.headers[.authorization], let token = header.split(separator: " ").last {
            try await tokens.revoke(String(token))
        }
        return Response(status: .noContent)
    }
}
