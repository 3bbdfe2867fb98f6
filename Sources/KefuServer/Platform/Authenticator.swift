import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// Checks logins, for the API's tokens and the login page alike: the throttle first (the attempt
/// is reserved before bcrypt runs, see `LoginThrottle`), then the stored bcrypt hash.
struct Authenticator: Sendable {
    let users: UserRepository
    let passwords: Passwords
    let throttle: LoginThrottle

    /// The account whose email and password these are, or 401 (or 429 while throttled).
    /// An unknown or inactive account is checked against a stand-in hash, so the answer takes as
    /// long as for a real account and does not tell which emails exist.
    func authenticate(email: String, password: String, context: KefuRequestContext) async throws -> User {
        // The same normalised email the account lookup uses, so a spelling cannot buy a fresh budget.
        let account =
            EmailAddress.normalize(email) ?? email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let attempt: LoginThrottle.Attempt
        switch await throttle.reserve(
            account: account, address: context.clientAddress ?? "unknown",
            now: context.clock.now())
        {
        case .success(let reserved): attempt = reserved
        case .failure(let wait):
            var problem = Problem(
                .tooManyRequests, "too-many-logins", "Too many login attempts",
                detail: "Too many failed logins; try again in \(wait.seconds) seconds.")
            problem.retryAfter = wait.seconds
            throw problem
        }
        let found = try await users.credentials(email: email)
        let hash = if let found { found.passwordHash } else { try await passwords.standInHash() }
        let matches = try await passwords.verify(password, hash: hash)
        if matches, let found, found.user.active {
            await throttle.succeeded(attempt)
            return found.user
        }
        throw Problem.unauthorized("Wrong email or password.")
    }
}
