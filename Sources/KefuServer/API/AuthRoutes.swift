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
                                                               now: context.clock.now())
        return try created(TokenDTO(token: issued.token, expires_at: issued.expiresAt), request: request, context: context,
                           location: nil)
    }

    /// Checks a login against the throttle and the stored bcrypt hash; shared with the login page.
    /// An unknown or inactive account is checked against a stand-in hash, so the answer takes as
    /// long as for a real account and does not tell which emails exist.
    func authenticate(email: String, password: String, context: KefuRequestContext) async throws -> User {
        // The same normalised email the account lookup uses, so a spelling cannot buy a fresh budget.
        let account = EmailAddress.normalize(email) ?? email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let attempt: LoginThrottle.Attempt
        switch await throttle.reserve(account: account, address: context.clientAddress ?? "unknown",
                                     now: context.clock.now()) {
        case .success(let reserved): attempt = reserved
        case .failure(let wait):
            var problem = Problem(.tooManyRequests, "too-many-logins", "Too many login attempts",
                                  detail: "Too many failed logins; try again in \(wait.seconds) seconds.")
            problem.retryAfter = wait.seconds
            throw problem
        }
        let found = try await UserRepository(database).credentials(email: email)
        let hash = if let found { found.passwordHash } else { try await passwords.standInHash() }
        let matches = try await passwords.verify(password, hash: hash)
        if matches, let found, found.user.active {
            await throttle.succeeded(attempt)
            return found.user
        }
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
