import Foundation
import KefuCore
import Testing

extension ServiceDeskTests {
    @Suite struct CannedReplyTests {
        func reply(_ body: String) -> CannedReply {
            CannedReply(
                id: ServiceDeskTests.id(1), title: "问候", body: body, createdByID: nil,
                createdAt: ServiceDeskTests.now, updatedAt: ServiceDeskTests.now)
        }

        func render(_ body: String, customer: String = "王小明", agent: String = "李娜") -> String {
            reply(body).render(customerName: customer, ticketNumber: "T-000042", agentName: agent)
        }

        @Test func fillsEachPlaceholder() {
            #expect(
                render("{{customer.name}}您好，工单{{ticket.number}}由{{agent.name}}跟进。")
                    == "王小明您好，工单T-000042由李娜跟进。")
            #expect(
                render("Dear {{ customer.name }}, {{agent.name}} here ({{ticket.number}}, {{ticket.number}})")
                    == "Dear 王小明, 李娜 here (T-000042, T-000042)")
        }

        @Test func leavesUnknownAndUnclosedPlaceholdersAsWritten() {
            #expect(render("{{customer.phone}} {{ customer.name") == "{{customer.phone}} {{ customer.name")
            #expect(render("{{{{agent.name}}}}") == "{{李娜}}")
            #expect(render("no placeholders") == "no placeholders")
        }

        @Test func insertsValuesAsPlainTextWithoutExpandingThemAgain() {
            let text = render("{{customer.name}} / {{agent.name}}", customer: "{{agent.name}}<b>", agent: "李娜")
            #expect(text == "{{agent.name}}<b> / 李娜")
        }

        @Test func validatesTitleAndBody() throws {
            let (title, body) = try CannedReply.validated(title: " 问候 ", body: "\n您好 ")
            #expect(title == "问候" && body == "您好")
            #expect(throws: ValidationFailure.self) { try CannedReply.validated(title: " ", body: "x") }
            do {
                _ = try CannedReply.validated(title: "", body: String(repeating: "长", count: 10_001))
                Issue.record("accepted an empty title")
            } catch {
                #expect(error.errors.map(\.field) == ["title", "body"])
                #expect(error.errors.map(\.code) == ["required", "too_long"])
            }
        }

        @Test func encodesAMissingAuthorAsNull() throws {
            let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(reply("x"))) as? [String: Any]
            #expect(json?["created_by"] is NSNull)
            #expect(json?["title"] as? String == "问候")
        }
    }
}
