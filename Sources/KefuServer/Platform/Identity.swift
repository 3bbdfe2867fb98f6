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
