import Foundation
import Hummingbird
import KefuCore
import KefuStore
import Logging
import NIOCore

/// The per-request context: the caller's identity, the request id, and JSON coders that write
/// RFC 3339 UTC times.
struct KefuRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    var identity: Identity?
    var requestID: String = ""
    /// The address of the connection's other end (canonical, see `ClientAddressMiddleware`).
    let peerAddress: String?
    /// The caller's address: the peer's, or the forwarded one behind a trusted proxy.
    var clientAddress: String?
    /// Set when the request carried the `--metrics-token-file` token (it opens `/metrics` only).
    var isMetricsScraper = false
    /// The application's clock (set by `ClockMiddleware`): every "now" of the request comes from it.
    var clock = WallClock.system
    /// The caller's unread notifications for the page header, counted once per page request (`WebRoutes`).
    var unreadNotifications = 0

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress.flatMap(ClientAddressMiddleware.canonical)
        clientAddress = peerAddress
    }

    /// True when the peer is on this machine (127.0.0.0/8 or ::1).
    var peerIsLoopback: Bool {
        guard let ip = peerAddress else { return false }
        return ip.hasPrefix("127.") || ip == "::1"
    }

    /// Bodies above 1 MiB are refused with 413 (CSV uploads have their own, larger limit).
    var maxUploadSize: Int { 1 << 20 }

    var requestDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom(KefuJSON.decodeTime)
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
    func attribution() -> Attribution {
        Attribution(userID: identity?.user.id, email: identity?.user.email, requestID: requestID, now: clock.now())
    }
}
