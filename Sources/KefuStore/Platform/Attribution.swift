public import Foundation

/// Who is making a change and under which request, so audit rows and timeline events can say so.
public struct Attribution: Sendable {
    public var userID: UUID?
    public var email: String?
    public var requestID: String?
    public var now: Date

    public init(userID: UUID?, email: String?, requestID: String?, now: Date) {
        self.userID = userID
        self.email = email
        self.requestID = requestID
        // Whole milliseconds: both engines store them exactly enough for keyset pagination (see PageCursor).
        self.now = Date(timeIntervalSince1970: (now.timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    /// Changes made by the system itself (migrations, the demo seed, the CLI without a user).
    public static func system(_ label: String, now: Date) -> Attribution {
        Attribution(userID: nil, email: label, requestID: nil, now: now)
    }
}
