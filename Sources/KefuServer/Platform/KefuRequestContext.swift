import Foundation
import Hummingbird
import KefuCore
import KefuStore
import Logging
import NIOCore

/// Who is calling: set by `AuthenticationMiddleware` from a bearer token or a session cookie.
struct Identity: Sendable {
    var user: User
    var tokenID: UUID
    var viaSession: Bool
    var csrfToken: String?
}

/// The per-request context: the caller's identity, the request id, and JSON coders that write
/// RFC 3339 UTC times.
struct KefuRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    var identity: Identity?
    var requestID: String = ""
    /// The peer's address, for loopback-only endpoints and login throttling.
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// True when the peer is on this machine (127.0.0.0/8 or ::1).
    var isLoopback: Bool {
        guard let ip = remoteAddress?.ipAddress else { return false }
        return ip.hasPrefix("127.") || ip == "::1" || ip.hasPrefix("::ffff:127.")
    }

    /// Bodies above 1 MiB are refused with 413 (CSV uploads have their own, larger limit).
    var maxUploadSize: Int { 1 << 20 }

    var requestDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    var responseEncoder: JSONEncoder { KefuJSON.encoder }

    /// The caller, or 401.
    func requireUser() throws -> User {
        guard let identity else { throw Problem.unauthorized() }
        return identity.user
    }

    /// The caller when their role includes `role`, else 401/403.
    @discardableResult
    func require(_ role: Role) throws -> User {
        let user = try requireUser()
        guard user.role.includes(role) else { throw Problem.forbidden(role) }
        return user
    }

    /// Attribution of writes made by this request.
    func attribution(now: Date = Date()) -> Attribution {
        Attribution(userID: identity?.user.id, email: identity?.user.email, requestID: requestID, now: now)
    }
}

/// JSON as the API writes it: RFC 3339 UTC times, stable key order.
enum KefuJSON {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
