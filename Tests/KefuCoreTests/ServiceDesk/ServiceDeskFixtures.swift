import Foundation
import KefuCore
import Testing

/// Groups the service-desk suites so `swift test --filter ServiceDesk` runs them all.
@Suite enum ServiceDeskTests {
    /// A fixed instant: no test reads the clock.
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let day: TimeInterval = 24 * 60 * 60

    /// A readable, deterministic id: `id(7)` is `00000000-0000-0000-0000-000000000007`.
    static func id(_ n: Int) -> UUID {
        let digits = String(n)
        return UUID(uuidString: "00000000-0000-0000-0000-" + String(repeating: "0", count: 12 - digits.count) + digits)!
    }

    static let customer = id(100)

    /// A ticket as the store would hold it, changed by `change`.
    static func ticket(
        _ type: TicketType = .inquiry, status: TicketStatus = .new, _ change: (inout Ticket) -> Void = { _ in }
    ) -> Ticket {
        var ticket = Ticket(
            id: id(1), number: TicketNumber(sequence: 1)!, type: type, channel: .phone, subject: "房间空调不制冷",
            description: "", status: status, customerID: customer, receivedAt: now, createdAt: now, updatedAt: now)
        change(&ticket)
        return ticket
    }
}
