@testable import KefuCore
import Testing

extension MailTests {
    @Suite struct ReplySubjectTests {
        let number = TicketNumber(sequence: 123)!

        @Test func prefixesReAndAppendsTheNumber() {
            #expect(ReplySubject.make(ticketSubject: "订单没有收到", number: number) == "Re: 订单没有收到 [T-000123]")
            #expect(
                ReplySubject.make(ticketSubject: "  Refund  please ", number: number) == "Re: Refund please [T-000123]")
        }

        @Test func neverStacksReOrTheNumber() {
            for subject in [
                "Re: 订单没有收到", "RE: re: 订单没有收到", "Re[2]: 订单没有收到", "Re：订单没有收到",
                "Re: 订单没有收到 [T-000123]", "[T-000123] 订单没有收到", "Re: [t-000123] 订单没有收到",
            ] {
                #expect(
                    ReplySubject.make(ticketSubject: subject, number: number) == "Re: 订单没有收到 [T-000123]", "\(subject)")
            }
        }

        @Test func keepsOtherPrefixesAndOtherTickets() {
            #expect(ReplySubject.make(ticketSubject: "回复：订单", number: number) == "Re: 回复：订单 [T-000123]")
            #expect(
                ReplySubject.make(ticketSubject: "Fwd: [T-000099] x", number: number)
                    == "Re: Fwd: [T-000099] x [T-000123]")
            #expect(
                ReplySubject.make(ticketSubject: "Regarding my order", number: number)
                    == "Re: Regarding my order [T-000123]")
            #expect(ReplySubject.make(ticketSubject: "", number: number) == "Re: [T-000123]")
        }
    }
}
