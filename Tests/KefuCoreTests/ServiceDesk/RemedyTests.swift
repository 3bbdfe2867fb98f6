import Foundation
import KefuCore
import Testing

extension ServiceDeskTests {
    @Suite struct RemedyTests {
        let agent = ServiceDeskTests.id(7)
        let manager = ServiceDeskTests.id(8)
        let now = ServiceDeskTests.now
        let complaint = ServiceDeskTests.ticket(.complaint, status: .open)

        func pending(_ plan: RemedyPlan = .B) throws -> Remedy {
            try Remedy.request(id: ServiceDeskTests.id(60), plan: plan, on: complaint, by: agent, now: now)
        }

        @Test func planAIsAppliedAtOnce() throws {
            let remedy = try Remedy.request(
                id: ServiceDeskTests.id(60), plan: .A, on: complaint, by: agent, note: " 送果盘 ", now: now)
            #expect(remedy.status == .applied)
            #expect(remedy.note == "送果盘")
            #expect(remedy.ticketID == complaint.id)
        }

        @Test(arguments: [RemedyPlan.B, .C])
        func plansBAndCWaitForApprovalWhoeverAsks(plan: RemedyPlan) throws {
            #expect(try pending(plan).status == .pendingApproval)
            let byManager = try Remedy.request(
                id: ServiceDeskTests.id(61), plan: plan, on: complaint, by: manager, now: now)
            #expect(byManager.status == .pendingApproval)
        }

        @Test func remediesBelongToComplaintsOnly() {
            #expect(throws: ServiceDeskError.notAComplaint) {
                try Remedy.request(
                    id: ServiceDeskTests.id(60), plan: .A, on: ServiceDeskTests.ticket(.inquiry), by: agent, now: now)
            }
        }

        @Test func aManagerApprovesWithOrWithoutANote() throws {
            var remedy = try pending()
            let later = now.addingTimeInterval(3600)
            try remedy.decide(.approve(note: nil), by: manager, role: .manager, now: later)
            #expect(remedy.status == .approved)
            #expect(remedy.decidedByID == manager)
            #expect(remedy.decidedAt == later)
            #expect(remedy.decisionNote == nil)
        }

        @Test func aDeclineNeedsANote() throws {
            var remedy = try pending()
            #expect(throws: ServiceDeskError.declineNoteRequired) {
                try remedy.decide(.decline(note: "  "), by: manager, role: .admin, now: now)
            }
            #expect(remedy.status == .pendingApproval)
            try remedy.decide(.decline(note: " 超出授权 "), by: manager, role: .admin, now: now)
            #expect(remedy.status == .declined)
            #expect(remedy.decisionNote == "超出授权")
            #expect(ServiceDeskError.declineNoteRequired.fieldErrors.map(\.field) == ["note"])
        }

        @Test func anAgentCannotDecide() throws {
            var remedy = try pending()
            #expect(throws: ServiceDeskError.forbidden(.decideRemedy)) {
                try remedy.decide(.approve(note: nil), by: agent, role: .agent, now: now)
            }
        }

        @Test func onlyAPendingRemedyIsDecided() throws {
            var applied = try pending(.A)
            #expect(throws: ServiceDeskError.remedyNotPending(.applied)) {
                try applied.decide(.approve(note: nil), by: manager, role: .manager, now: now)
            }
            var approved = try pending()
            try approved.decide(.approve(note: "同意"), by: manager, role: .manager, now: now)
            #expect(throws: ServiceDeskError.remedyNotPending(.approved)) {
                try approved.decide(.decline(note: "改主意"), by: manager, role: .manager, now: now)
            }
        }

        @Test func jsonCarriesIdPlanAndStatus() throws {
            let data = try JSONEncoder().encode(try pending(.C))
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(object["plan"] as? String == "C")
            #expect(object["status"] as? String == "pending_approval")
            #expect(object["id"] as? String == ServiceDeskTests.id(60).uuidString)
        }
    }
}
