import Foundation
import KefuCore
import Testing

extension ServiceDeskTests {
    @Suite struct TicketTests {
        @Test func aNewTicketStartsNewAndIsWorkedByItsOwner() throws {
            // setup
            let owner = ServiceDeskTests.id(5)
            let draft = try TicketDraft(
                customerID: ServiceDeskTests.customer, type: .inquiry, channel: .chat, subject: "发票",
                tags: ["财务"]
            ).validated(now: ServiceDeskTests.now)
            // MUT
            let ticket = Ticket(
                id: ServiceDeskTests.id(1), number: TicketNumber(sequence: 3)!, draft: draft, ownerID: owner,
                now: ServiceDeskTests.now)
            // validate
            #expect(ticket.status == .new)
            #expect(ticket.ownerID == owner)
            #expect(ticket.assigneeID == owner)
            #expect(ticket.priority == .normal)
            #expect(ticket.tags == ["财务"])
            #expect(ticket.receivedAt == ServiceDeskTests.now)
            #expect(ticket.createdAt == ServiceDeskTests.now)
        }

        @Test func jsonNamesEveryKeyAndWritesNobodyAsNull() throws {
            let ticket = ServiceDeskTests.ticket()
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            let data = try encoder.encode(ticket)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            for key in [
                "id", "number", "type", "channel", "subject", "status", "priority", "customer_id", "owner_id",
                "assignee_id", "received_at", "created_at", "updated_at",
            ] {
                #expect(object[key] != nil, "missing \(key)")
            }
            #expect(object["owner_id"] is NSNull)
            #expect(object["assignee_id"] is NSNull)
            #expect(object["number"] as? String == "T-000001")
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            #expect(try decoder.decode(Ticket.self, from: data) == ticket)
        }
    }
}
