import Foundation
import KefuCore
import Testing

extension ServiceDeskTests {
    @Suite struct TicketLinkTests {
        let old = ServiceDeskTests.id(2)

        @Test func aNewTicketLinksToAClosedOne() throws {
            let link = try TicketLink.validated(from: ServiceDeskTests.ticket(), to: old, kind: .related)
            #expect(link == TicketLink(ticketID: ServiceDeskTests.id(1), linkedTicketID: old, kind: .related))
        }

        @Test func aClosedTicketTakesNoNewLinks() {
            #expect(throws: ServiceDeskError.ticketClosed) {
                try TicketLink.validated(from: ServiceDeskTests.ticket(status: .closed), to: old, kind: .duplicateOf)
            }
        }

        @Test func aTicketCannotLinkToItself() {
            let ticket = ServiceDeskTests.ticket()
            #expect(throws: ServiceDeskError.self) {
                try TicketLink.validated(from: ticket, to: ticket.id, kind: .related)
            }
        }

        @Test func jsonIsSnakeCase() throws {
            let link = TicketLink(ticketID: ServiceDeskTests.id(1), linkedTicketID: old, kind: .duplicateOf)
            let text = String(decoding: try JSONEncoder().encode(link), as: UTF8.self)
            #expect(text.contains(#""kind":"duplicate_of""#))
            #expect(text.contains(#""linked_ticket_id""#))
        }
    }
}
