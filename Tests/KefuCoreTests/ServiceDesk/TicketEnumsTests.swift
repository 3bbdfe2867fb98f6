import KefuCore
import Testing

extension ServiceDeskTests {
    @Suite struct TicketEnumsTests {
        @Test func rawValuesAreTheAPIsWords() {
            #expect(TicketType.allCases.map(\.rawValue) == ["inquiry", "request", "complaint", "compliment"])
            #expect(TicketChannel.allCases.map(\.rawValue) == ["phone", "email", "web", "chat", "social", "walk_in"])
            #expect(TicketPriority.allCases.map(\.rawValue) == ["low", "normal", "high", "urgent"])
            #expect(
                TicketStatus.allCases.map(\.rawValue) == [
                    "new", "open", "pending_customer", "on_hold", "resolved", "closed",
                ])
            #expect(TicketLinkKind.allCases.map(\.rawValue) == ["related", "duplicate_of"])
            #expect(RemedyPlan.allCases.map(\.rawValue) == ["A", "B", "C"])
            #expect(RemedyStatus.allCases.map(\.rawValue) == ["applied", "pending_approval", "approved", "declined"])
        }

        @Test func complaintStepsComeInProtocolOrder() {
            #expect(
                ComplaintStep.allCases.map(\.rawValue) == [
                    "listen", "apologise", "root_cause", "solution", "execution", "follow_up",
                ])
            #expect(ComplaintStep.allCases.sorted() == ComplaintStep.allCases)
            #expect(ComplaintStep.followUp > ComplaintStep.listen)
        }

        @Test func timelineKindsAreDotted() {
            #expect(
                [
                    TicketEventKind.created, TicketEventKind.statusChanged, TicketEventKind.replied,
                    TicketEventKind.transferred, TicketEventKind.remedy, TicketEventKind.merged,
                ] == [
                    "ticket.created", "ticket.status_changed", "ticket.replied", "ticket.transferred", "ticket.remedy",
                    "ticket.merged",
                ])
        }

        @Test func priorityDefaultsToNormal() {
            #expect(TicketPriority.default == .normal)
        }

        @Test func onlyResolvedAndClosedAreDone() {
            #expect(TicketStatus.allCases.filter(\.isDone) == [.resolved, .closed])
        }
    }
}
