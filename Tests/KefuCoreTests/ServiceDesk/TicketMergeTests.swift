import Foundation
import KefuCore
import Testing

extension ServiceDeskTests {
    @Suite struct TicketMergeTests {
        let later = ServiceDeskTests.now.addingTimeInterval(3600)

        func pair(
            source: (inout Ticket) -> Void = { _ in }, survivor: (inout Ticket) -> Void = { _ in }
        ) -> (Ticket, Ticket) {
            let first = ServiceDeskTests.ticket(status: .open) {
                $0.tags = ["维修", "VIP"]
                source(&$0)
            }
            let second = ServiceDeskTests.ticket(status: .open) {
                $0.id = ServiceDeskTests.id(2)
                $0.number = TicketNumber(sequence: 2)!
                $0.tags = ["vip", "发票"]
                survivor(&$0)
            }
            return (first, second)
        }

        @Test func theSourceClosesIntoTheSurvivorWhichTakesBothTagSets() throws {
            let (source, survivor) = pair()
            let (merged, kept) = try TicketMerge.merge(source, into: survivor, sameCustomer: true, now: later)
            #expect(merged.status == .closed && merged.mergedInto == survivor.id)
            #expect(merged.resolvedAt == later && merged.updatedAt == later)
            #expect(kept.tags == ["vip", "发票", "维修"])
            #expect(kept.status == .open && kept.mergedInto == nil && kept.updatedAt == later)
            #expect(throws: ServiceDeskError.ticketClosed) { try TicketLifecycle.ensureWritable(merged) }
        }

        @Test func aResolvedSourceKeepsItsResolutionTime() throws {
            let (source, survivor) = pair(source: {
                $0.status = .resolved
                $0.resolvedAt = ServiceDeskTests.now
            })
            let (merged, _) = try TicketMerge.merge(source, into: survivor, sameCustomer: true, now: later)
            #expect(merged.resolvedAt == ServiceDeskTests.now)
        }

        @Test func refusals() {
            let (source, survivor) = pair()
            #expect(throws: ServiceDeskError.mergeIntoItself) {
                try TicketMerge.merge(source, into: source, sameCustomer: true, now: later)
            }
            let (closed, _) = pair(source: { $0.status = .closed })
            #expect(throws: ServiceDeskError.ticketClosed) {
                try TicketMerge.merge(closed, into: survivor, sameCustomer: true, now: later)
            }
            let ends: [(inout Ticket) -> Void] = [{ $0.status = .closed }, { $0.mergedInto = ServiceDeskTests.id(3) }]
            for change in ends {
                let (_, target) = pair(survivor: change)
                #expect(throws: ServiceDeskError.mergeTargetClosed) {
                    try TicketMerge.merge(source, into: target, sameCustomer: true, now: later)
                }
            }
            #expect(throws: ServiceDeskError.differentCustomers) {
                try TicketMerge.merge(source, into: survivor, sameCustomer: false, now: later)
            }
        }

        @Test func mergedIntoIsInTheTicketJSONAndNullWhenNot() throws {
            let (source, survivor) = pair()
            let (merged, _) = try TicketMerge.merge(source, into: survivor, sameCustomer: true, now: later)
            let text = String(decoding: try JSONEncoder().encode(merged), as: UTF8.self)
            #expect(text.contains(#""merged_into":"\#(survivor.id.uuidString)""#))
            #expect(
                String(decoding: try JSONEncoder().encode(survivor), as: UTF8.self).contains(#""merged_into":null"#))
        }

        @Test func aLinkNamesItselfByTheOtherTicket() throws {
            let link = LinkedTicket(
                ticketID: ServiceDeskTests.id(2), number: TicketNumber(sequence: 2)!, subject: "发票", status: .open,
                kind: .duplicateOf, direction: .incoming, createdAt: ServiceDeskTests.now)
            let object = try #require(
                try JSONSerialization.jsonObject(with: try JSONEncoder().encode(link)) as? [String: Any])
            #expect(object["id"] as? String == ServiceDeskTests.id(2).uuidString)
            #expect(object["ticket_id"] as? String == ServiceDeskTests.id(2).uuidString)
            #expect(object["number"] as? String == "T-000002")
            #expect(object["kind"] as? String == "duplicate_of" && object["direction"] as? String == "incoming")
        }
    }
}
