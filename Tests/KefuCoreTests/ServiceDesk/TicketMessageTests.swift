import Foundation
import KefuCore
import Testing

extension ServiceDeskTests {
    @Suite struct TicketMessageTests {
        let agent = ServiceDeskTests.id(7)
        let now = ServiceDeskTests.now

        func message(_ author: MessageAuthor, _ visibility: MessageVisibility, _ body: String) throws -> TicketMessage {
            try TicketMessage.validated(
                id: ServiceDeskTests.id(70), ticketID: ServiceDeskTests.id(1), author: author, visibility: visibility,
                body: body, now: now)
        }

        @Test func trimsTheBody() throws {
            let note = try message(.staff(agent), .internal, "  客人是VIP,注意语气 \n")
            #expect(note.body == "客人是VIP,注意语气")
            #expect(note.visibility == .internal)
            #expect(note.createdAt == now)
        }

        @Test func rejectsEmptyAndOverlongBodies() {
            #expect(
                throws: ValidationFailure([
                    FieldError(field: "body", code: "required", message: "The message is empty.")
                ])
            ) {
                try message(.staff(agent), .public, " \n")
            }
            #expect(throws: ValidationFailure.self) {
                try message(.staff(agent), .public, String(repeating: "字", count: TicketMessage.maxBodyLength + 1))
            }
        }

        @Test func aCustomerCannotWriteAnInternalNote() throws {
            #expect(try message(.customer(ServiceDeskTests.customer), .internal, "还没修好").visibility == .public)
        }

        @Test func theCustomerSeesPublicRepliesOnly() throws {
            let reply = try message(.staff(agent), .public, "已派工程师")
            let note = try message(.staff(agent), .internal, "工程师明早才到")
            #expect(TicketMessage.customerView([reply, note]) == [reply])
        }

        @Test func jsonHasTheAPIsShape() throws {
            let note = try message(.staff(agent), .internal, "内部")
            let data = try JSONEncoder().encode(note)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(object["author_id"] as? String == agent.uuidString)
            #expect(object["author_kind"] as? String == "staff")
            #expect(object["internal"] as? Bool == true)
            #expect(try JSONDecoder().decode(TicketMessage.self, from: data) == note)
            let fromCustomer = try message(.customer(ServiceDeskTests.customer), .public, "谢谢")
            #expect(
                try JSONDecoder().decode(TicketMessage.self, from: JSONEncoder().encode(fromCustomer)) == fromCustomer)
        }
    }
}
