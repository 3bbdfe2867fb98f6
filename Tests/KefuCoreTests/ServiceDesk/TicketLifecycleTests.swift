import Foundation
import KefuCore
import Testing

extension ServiceDeskTests {
    @Suite struct TicketLifecycleTests {
        let now = ServiceDeskTests.now
        let day = ServiceDeskTests.day
        let agent = ServiceDeskTests.id(7)

        func complaint(recording steps: [ComplaintStep]) throws -> ComplaintRecord {
            var record = ComplaintRecord()
            for step in steps {
                let cause = step == .rootCause ? ServiceDeskTests.id(50) : nil
                try record.record(step, ComplaintStepInput(note: "记录", causeID: cause), by: agent, at: now)
            }
            return record
        }

        @Test func allowsTheUsualPath() throws {
            var ticket = ServiceDeskTests.ticket()
            for target in [TicketStatus.open, .pendingCustomer, .onHold, .open, .resolved, .open, .resolved, .closed] {
                let change = try TicketLifecycle.change(ticket, to: target)
                #expect(change == .changed(from: ticket.status, to: target))
                ticket = TicketLifecycle.applying(change, to: ticket, now: now)
            }
            #expect(ticket.status == .closed)
        }

        @Test func theSameStatusIsNoChange() throws {
            let ticket = ServiceDeskTests.ticket(status: .onHold)
            #expect(try TicketLifecycle.change(ticket, to: .onHold) == .unchanged)
            #expect(TicketLifecycle.applying(.unchanged, to: ticket, now: now.addingTimeInterval(60)) == ticket)
        }

        @Test(arguments: [
            (TicketStatus.open, TicketStatus.new), (.resolved, .pendingCustomer), (.resolved, .onHold),
            (.resolved, .new),
        ])
        func refusesChangesTheLifecycleDoesNotKnow(from: TicketStatus, to: TicketStatus) {
            #expect(throws: ServiceDeskError.transitionNotAllowed(from: from, to: to)) {
                try TicketLifecycle.change(ServiceDeskTests.ticket(status: from), to: to)
            }
        }

        @Test(arguments: TicketStatus.allCases)
        func aClosedTicketIsReadOnly(target: TicketStatus) {
            let closed = ServiceDeskTests.ticket(status: .closed)
            #expect(throws: ServiceDeskError.ticketClosed) { try TicketLifecycle.change(closed, to: target) }
            #expect(throws: ServiceDeskError.ticketClosed) { try TicketLifecycle.ensureWritable(closed) }
        }

        @Test func resolvingRecordsWhenAndReopeningForgetsIt() throws {
            let resolved = TicketLifecycle.applying(
                .changed(from: .open, to: .resolved), to: ServiceDeskTests.ticket(status: .open), now: now)
            #expect(resolved.resolvedAt == now)
            #expect(resolved.updatedAt == now)
            let closed = TicketLifecycle.applying(
                .changed(from: .resolved, to: .closed), to: resolved, now: now.addingTimeInterval(day))
            #expect(closed.resolvedAt == now)
            let reopened = TicketLifecycle.applying(.changed(from: .resolved, to: .open), to: resolved, now: now)
            #expect(reopened.resolvedAt == nil)
        }

        @Test func aComplaintWithoutRootCauseOrSolutionCannotBeResolvedOrClosed() throws {
            let ticket = ServiceDeskTests.ticket(.complaint, status: .open)
            for target in [TicketStatus.resolved, .closed] {
                #expect(throws: ServiceDeskError.complaintIncomplete(missing: [.rootCause, .solution])) {
                    try TicketLifecycle.change(
                        ticket, to: target, complaint: complaint(recording: [.listen, .apologise]))
                }
            }
            #expect(throws: ServiceDeskError.complaintIncomplete(missing: [.solution])) {
                try TicketLifecycle.change(ticket, to: .resolved, complaint: complaint(recording: [.rootCause]))
            }
            #expect(throws: ServiceDeskError.complaintIncomplete(missing: [.rootCause])) {
                try TicketLifecycle.change(ticket, to: .closed, complaint: complaint(recording: [.solution]))
            }
        }

        @Test func aComplaintWithRootCauseAndSolutionMayBeResolved() throws {
            let ticket = ServiceDeskTests.ticket(.complaint, status: .open)
            let record = try complaint(recording: [.solution, .rootCause])
            #expect(
                try TicketLifecycle.change(ticket, to: .resolved, complaint: record)
                    == .changed(from: .open, to: .resolved))
        }

        @Test func theGateOnlyHoldsComplaintsAndOnlyForResolvingOrClosing() throws {
            #expect(
                try TicketLifecycle.change(ServiceDeskTests.ticket(.request, status: .open), to: .resolved)
                    == .changed(from: .open, to: .resolved))
            #expect(
                try TicketLifecycle.change(ServiceDeskTests.ticket(.complaint), to: .onHold)
                    == .changed(from: .new, to: .onHold))
        }

        @Test func errorsHaveStableCodes() {
            #expect(ServiceDeskError.ticketClosed.code == "ticket_closed")
            #expect(ServiceDeskError.complaintIncomplete(missing: [.solution]).code == "complaint_incomplete")
            #expect(ServiceDeskError.forbidden(.decideRemedy).code == "forbidden")
        }

        @Test func theGateSaysWhatIsMissing() {
            #expect(
                ServiceDeskError.complaintIncomplete(missing: [.rootCause, .solution]).message
                    == "A complaint cannot be resolved or closed before root_cause and solution are recorded.")
            #expect(
                ServiceDeskError.complaintIncomplete(missing: [.solution]).message
                    == "A complaint cannot be resolved or closed before solution is recorded.")
            #expect(
                ServiceDeskError.forbidden(.setOwner).message == "Only a manager or above may name a ticket's owner.")
            #expect(ServiceDeskError.transferReasonRequired.message == "A transfer needs a reason.")
        }

        @Test func complaintWritesNeedAnOpenComplaint() throws {
            try TicketLifecycle.ensureComplaint(ServiceDeskTests.ticket(.complaint))
            #expect(throws: ServiceDeskError.notAComplaint) {
                try TicketLifecycle.ensureComplaint(ServiceDeskTests.ticket(.compliment))
            }
            #expect(throws: ServiceDeskError.ticketClosed) {
                try TicketLifecycle.ensureComplaint(ServiceDeskTests.ticket(.complaint, status: .closed))
            }
        }

        @Test func aPublicStaffReplyOpensANewTicket() throws {
            let new = ServiceDeskTests.ticket()
            #expect(
                try TicketLifecycle.afterStaffReply(to: new, visibility: .public) == .changed(from: .new, to: .open))
            #expect(try TicketLifecycle.afterStaffReply(to: new, visibility: .internal) == .unchanged)
            let waiting = ServiceDeskTests.ticket(status: .pendingCustomer)
            #expect(try TicketLifecycle.afterStaffReply(to: waiting, visibility: .public) == .unchanged)
            #expect(throws: ServiceDeskError.ticketClosed) {
                try TicketLifecycle.afterStaffReply(to: ServiceDeskTests.ticket(status: .closed), visibility: .internal)
            }
        }

        @Test func aCustomerReplyReopensWithinTheWindowBoundaryIncluded() {
            let resolved = ServiceDeskTests.ticket(status: .resolved) { $0.resolvedAt = now }
            let window = TicketLifecycle.defaultReopenWindow
            #expect(window == 7 * day)
            #expect(TicketLifecycle.afterCustomerReply(to: resolved, now: now.addingTimeInterval(day)) == .reopen)
            #expect(TicketLifecycle.afterCustomerReply(to: resolved, now: now.addingTimeInterval(window)) == .reopen)
            #expect(
                TicketLifecycle.afterCustomerReply(to: resolved, now: now.addingTimeInterval(window + 1))
                    == .openNewLinkedTicket)
        }

        @Test func theReopenWindowIsASetting() {
            let resolved = ServiceDeskTests.ticket(status: .resolved) { $0.resolvedAt = now }
            let later = now.addingTimeInterval(2 * day)
            #expect(TicketLifecycle.afterCustomerReply(to: resolved, now: later, window: day) == .openNewLinkedTicket)
            #expect(TicketLifecycle.afterCustomerReply(to: resolved, now: later, window: 30 * day) == .reopen)
        }

        @Test func aCustomerReplyOnAClosedTicketStartsALinkedOne() {
            let closed = ServiceDeskTests.ticket(status: .closed) { $0.resolvedAt = now }
            let outcome = TicketLifecycle.afterCustomerReply(to: closed, now: now.addingTimeInterval(60))
            #expect(outcome == .openNewLinkedTicket)
            #expect(outcome.newStatus == nil)
        }

        @Test func aCustomerReplyEndsTheWaitAndOtherwiseJustAppends() {
            let waiting = TicketLifecycle.afterCustomerReply(
                to: ServiceDeskTests.ticket(status: .pendingCustomer), now: now)
            #expect(waiting == .resume)
            #expect(waiting.newStatus == .open)
            for status in [TicketStatus.new, .open, .onHold] {
                #expect(
                    TicketLifecycle.afterCustomerReply(to: ServiceDeskTests.ticket(status: status), now: now) == .append
                )
            }
        }
    }
}
