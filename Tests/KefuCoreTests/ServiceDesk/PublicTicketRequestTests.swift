import Foundation
import KefuCore
import Testing

@Suite("Public ticket requests")
struct PublicTicketRequestTests {
    let now = Date(timeIntervalSince1970: 1_900_000_000)

    @Test func cleansTheContactAndMakesAWebInquiryForTheCustomerFound() throws {
        let request = PublicTicketRequest(
            name: " 王小明 ", phone: "138 0013 8000", email: " Wang@Example.COM ", subject: " 发票 ",
            description: " 请开发票 ")
        let ticket = try request.validated(under: CustomerRules(), now: now)
        #expect(ticket.phone == "+8613800138000" && ticket.email == "wang@example.com")
        #expect(ticket.profile.name == "王小明" && ticket.profile.sourceChannel == "web")
        #expect(ticket.description == "请开发票")
        let customer = UUID()
        let draft = ticket.draft(for: customer)
        #expect(draft.customerID == customer && draft.type == .inquiry && draft.channel == .web)
        #expect(draft.subject == "发票" && draft.receivedAt == now)
        #expect(!request.isFromBot)
    }

    @Test func namesEveryBadFieldByItsKey() {
        let bad = PublicTicketRequest(name: " ", phone: "12", email: "not-mail", subject: "", description: " ")
        #expect(throws: ValidationFailure.self) { try bad.validated(under: CustomerRules(), now: now) }
        do throws(ValidationFailure) {
            _ = try bad.validated(under: CustomerRules(), now: now)
        } catch {
            #expect(error.errors.map(\.field) == ["name", "phone", "email", "subject", "description"])
        }
    }

    @Test func wantsAPhoneOrAnEmail() throws {
        let neither = PublicTicketRequest(name: "王", phone: " ", subject: "问", description: "问题")
        do throws(ValidationFailure) {
            _ = try neither.validated(under: CustomerRules(), now: now)
            Issue.record("no contact was accepted")
        } catch {
            #expect(error.errors.map(\.field) == ["phone", "email"])
            #expect(error.errors.allSatisfy { $0.code == "contact_required" })
        }
        let emailOnly = PublicTicketRequest(name: "王", email: "a@example.com", subject: "问", description: "问题")
        #expect(try emailOnly.validated(under: CustomerRules(), now: now).phone == nil)
    }

    @Test func decodesMissingKeysAsEmptySoValidationNamesThem() throws {
        let decoded = try JSONDecoder().decode(PublicTicketRequest.self, from: Data(#"{"website": "x"}"#.utf8))
        #expect(decoded == PublicTicketRequest(name: "", subject: "", description: "", website: "x"))
        #expect(decoded.isFromBot)
        #expect(!PublicTicketRequest(name: "", subject: "", description: "", website: "  ").isFromBot)
    }
}
