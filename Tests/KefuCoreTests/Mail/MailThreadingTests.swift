@testable import KefuCore
import Testing

extension MailTests {
    @Suite struct MailThreadingTests {
        @Test func referencedIdsInReplyToFirstThenNewestReferences() throws {
            let message = try MailMessage(
                parsing: Array("From: a@b.com\nIn-Reply-To: <3@x>\nReferences: <1@x> <2@x> <3@x>\n\nhi".utf8))
            #expect(MailThreading.referencedMessageIDs(message) == ["<3@x>", "<2@x>", "<1@x>"])
        }

        @Test func ticketNumberInSubject() {
            #expect(MailThreading.ticketNumber(inSubject: "Re: 订单 [T-000123]") == TicketNumber(sequence: 123))
            #expect(MailThreading.ticketNumber(inSubject: "[t-000042] hello") == TicketNumber(sequence: 42))
            #expect(MailThreading.ticketNumber(inSubject: "[x] [ T-1234567 ]") == TicketNumber(sequence: 1_234_567))
            #expect(MailThreading.ticketNumber(inSubject: "T-000123 without brackets") == nil)
            #expect(MailThreading.ticketNumber(inSubject: "[T-123]") == nil)
            #expect(MailThreading.ticketNumber(inSubject: "[T-000123") == nil)
        }
    }
}
