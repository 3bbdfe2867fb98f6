import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `POST /api/v1/auth/token` (log in for a bearer token) and `DELETE` (revoke it).
struct AuthRoutes {
    let database: KefuDatabase
    let passwords: Passwords
    let throttle: LoginThrottle
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
        let user = try await authenticate(email: credentials.email, password: credentials.password, context: context)
        let issued = try await TokenRepository(database).issue(for: user.id, kind: .api, lifetime: configuration.tokenLifetime,
                                                               now: Date())
        return try created(TokenDTO(token: issued.token, expires_at: issued.expiresAt), request: request, context: context,
                           location: nil)
    }

    /// Checks a login against the throttle and the stored bcrypt hash; shared with the login page.
    func authenticate(email: String, password: String, context: KefuRequestContext) async throws -> User {
        let account = "account:" + email.trimmingCharacters(in: .whitespaces).lowercased()
        let keys = [account, "ip:" + (context.remoteAddress?.ipAddress ?? "unknown")]
        let now = Date()
        if let wait = await throttle.retryAfter(keys, now: now) {
            var problem = Problem(.tooManyRequests, "too-many-logins", "Too many login attempts",
                                  detail: "Too many failed logins; try again in \(wait) seconds.")
            problem.retryAfter = wait
            throw problem
        }
        if let found = try await UserRepository(database).credentials(email: email), found.user.active,
           try await passwords.verify(password, hash: found.passwordHash) {
            await throttle.recordSuccess(account)
            return found.user
        }
        await throttle.recordFailure(keys, now: now)
        throw Problem.unauthorized("Wrong email or password.")
    }

    @Sendable func revoke(_ request: Request, context: KefuRequestContext) async throws -> Response {
        _ = try context.requireUser()
        if let header = request.headers[.authorization], let token = header.split(separator: " ").last {
            try await TokenRepository(database).revoke(String(token))
        }
        return Response(status: .noContent)
    }
}
