import Hummingbird
import KefuCore

extension Problem {
    /// A signed link that does not open: 404 for unknown, altered and revoked alike, 410 once expired or used.
    static func from(_ failure: SignedLinkFailure) -> Problem {
        switch failure {
        case .notFound: Problem.notFound("No such link.")
        case .expired: Problem(.gone, "link-expired", "Link expired", detail: "This link has expired.")
        case .used: Problem(.gone, "link-used", "Link used", detail: "This link has been used already.")
        }
    }

    /// 429 with `Retry-After`.
    static func from(_ limited: RateLimitExceeded) -> Problem {
        var problem = Problem(
            .tooManyRequests, "rate-limited", "Too many requests",
            detail: "Too many requests from this address; retry in \(limited.retryAfter) seconds.")
        problem.retryAfter = limited.retryAfter
        return problem
    }
}
