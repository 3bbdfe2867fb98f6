import Foundation
import KefuCore
import Testing

@Suite("Follow-up trigger events")
struct FollowUpTriggerEventTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let customer = UUID(uuidString: "00000000-0000-0000-0000-0000000000C1")!

    static func ticket(_ type: TicketType) -> Ticket {
        Ticket(
            id: UUID(uuidString: "00000000-0000-0000-0000-0000000000A1")!, number: TicketNumber(sequence: 1)!,
            type: type, channel: .phone, subject: "空调不制冷", description: "", customerID: customer,
            receivedAt: now, createdAt: now, updatedAt: now)
    }

    @Test func aResolvedComplaintIsBothKindsUnderOneKeyPerResolution() {
        let events = FollowUpTriggerEvent.resolved(Self.ticket(.complaint), at: Self.now)
        #expect(events.map(\.kind) == [.ticketResolved, .complaintResolved])
        #expect(Set(events.map(\.key)) == ["ticket:00000000-0000-0000-0000-0000000000a1:resolved:1790000000000"])
        #expect(events.allSatisfy { $0.ticketID == Self.ticket(.complaint).id && $0.at == Self.now })
        #expect(FollowUpTriggerEvent.resolved(Self.ticket(.request), at: Self.now).map(\.kind) == [.ticketResolved])
        let again = FollowUpTriggerEvent.resolved(Self.ticket(.request), at: Self.now.addingTimeInterval(60))
        #expect(again.first?.key != events.first?.key)
    }

    @Test func atRiskAndNewCustomerKeys() {
        #expect(
            FollowUpTriggerEvent.atRisk(Self.customer, at: Self.now).key
                == "at_risk:00000000-0000-0000-0000-0000000000c1:1790000000000")
        #expect(
            FollowUpTriggerEvent.customerCreated(Self.customer, at: Self.now).key
                == "customer:00000000-0000-0000-0000-0000000000c1:created")
    }
}
