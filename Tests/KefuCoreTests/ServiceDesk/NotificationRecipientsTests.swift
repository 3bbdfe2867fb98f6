import Foundation
import KefuCore
import Testing

extension ServiceDeskTests {
    /// Who hears of a transfer or a remedy: nobody of their own doing.
    @Suite struct NotificationRecipientsTests {
        let owner = ServiceDeskTests.id(7)
        let colleague = ServiceDeskTests.id(8)
        let manager = ServiceDeskTests.id(9)
        let now = ServiceDeskTests.now

        func transfer(by: UUID, to: UUID?) -> TicketTransfer {
            TicketTransfer(byID: by, fromID: owner, toID: to, reason: "出差", createdAt: now)
        }

        @Test func aManagerMovingTheOwnersTicketTellsBothTheOwnerAndTheNewAssignee() {
            #expect(
                transfer(by: manager, to: colleague).recipients(ownerID: owner) == [
                    NotificationRecipient(userID: colleague, kind: NotificationKind.ticketAssigned),
                    NotificationRecipient(userID: owner, kind: NotificationKind.ticketTransferred),
                ])
        }

        @Test func theOwnerHandingOverTellsOnlyTheNewAssignee() {
            #expect(
                transfer(by: owner, to: colleague).recipients(ownerID: owner) == [
                    NotificationRecipient(userID: colleague, kind: NotificationKind.ticketAssigned)
                ])
        }

        @Test func takingATicketYourselfTellsTheOwnerOnly() {
            #expect(
                transfer(by: colleague, to: colleague).recipients(ownerID: owner) == [
                    NotificationRecipient(userID: owner, kind: NotificationKind.ticketTransferred)
                ])
        }

        @Test func givingATicketBackToItsOwnerTellsThemOnceAsTheAssignee() {
            #expect(
                transfer(by: manager, to: owner).recipients(ownerID: owner) == [
                    NotificationRecipient(userID: owner, kind: NotificationKind.ticketAssigned)
                ])
        }

        @Test func unassigningAnUnownedTicketTellsNobody() {
            #expect(transfer(by: manager, to: nil).recipients(ownerID: nil).isEmpty)
            #expect(transfer(by: owner, to: nil).recipients(ownerID: owner).isEmpty)
        }

        func remedy(_ plan: RemedyPlan, by requester: UUID) throws -> Remedy {
            try Remedy.request(
                id: ServiceDeskTests.id(60), plan: plan, on: ServiceDeskTests.ticket(.complaint), by: requester,
                now: now)
        }

        @Test func aWaitingRemedyTellsEveryApproverButItsRequester() throws {
            let approvers = [manager, colleague]
            #expect(
                try remedy(.B, by: colleague).recipients(approvers: approvers) == [
                    NotificationRecipient(userID: manager, kind: NotificationKind.remedyRequested)
                ])
            #expect(try remedy(.A, by: colleague).recipients(approvers: approvers).isEmpty)
        }

        @Test func aDecisionTellsTheRequesterUnlessTheyDecidedIt() throws {
            var approved = try remedy(.C, by: owner)
            try approved.decide(.approve(note: nil), by: manager, role: .manager, now: now)
            #expect(
                approved.recipients(approvers: [manager]) == [
                    NotificationRecipient(userID: owner, kind: NotificationKind.remedyDecided)
                ])
            var own = try remedy(.B, by: manager)
            try own.decide(.decline(note: "不必"), by: manager, role: .manager, now: now)
            #expect(own.recipients(approvers: [manager]).isEmpty)
        }
    }
}
