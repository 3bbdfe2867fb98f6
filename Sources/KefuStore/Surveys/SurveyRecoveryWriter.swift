import Foundation
import KefuCore
import SQLKit

/// Service recovery for a bad answer (issue 13 §1), on the answer's transaction so it exists the moment the
/// answer does: a follow-up task due today (`plan_id` null, `ticket_id` the invitation's ticket) or, by setting,
/// a complaint ticket. The task goes to the owner of the invitation's ticket, else by the follow-up assignee rule,
/// else to nobody — it is opened all the same; the complaint is owned as any ticket from outside the staff is
/// (sticky to the customer's last owner, else round-robin in the ticket's team).
enum SurveyRecoveryWriter {
    static let triggerKind = "survey"

    static func open(
        for response: SurveyResponse, survey: Survey, service: SurveyResponseRepository.Service,
        on tx: any SQLDatabase, by attribution: Attribution
    ) async throws {
        guard let score = response.score else { return }
        let now = attribution.now
        let settings = try await SettingsRepository.read(on: tx)
        switch settings.surveys.recovery {
        case .followUp:
            let assignee = try await assignee(response.customerID, service: service, on: tx)
            let zone = try await FollowUpScheduler.zone(branch: service.branchID, on: tx) ?? settings.zone
            let task = FollowUpTask(
                id: TimeOrderedID.next(now: now), planID: nil, step: 0, customerID: response.customerID,
                triggerKind: triggerKind, triggerKey: "survey_response:\(response.id.uuidString)",
                dueOn: CalendarDay(now, in: zone), channel: .phone,
                script: SurveyRecovery.script(
                    kind: survey.kind, score: score, reason: response.reason, survey: survey.title),
                assigneeID: assignee, ticketID: response.ticketID, sourceTicketID: response.ticketID, createdAt: now,
                updatedAt: now)
            try await tx.insert(into: "follow_up_tasks").model(try FollowUpTaskRow(task)).run()
        case .complaint:
            let draft = try TicketRepository.validated(
                TicketDraft(
                    customerID: response.customerID, type: .complaint, channel: .web,
                    subject: SurveyRecovery.complaintSubject(kind: survey.kind, score: score),
                    description: response.reason ?? "", priority: .high, branchID: service.ticket?.branchID,
                    teamID: service.ticket?.teamID), now: now)
            let complaint = try await TicketRepository.insert(
                draft, creator: .nonStaff, capacity: settings.serviceDesk.ticketCapacity, on: tx, by: attribution)
            if let ticketID = response.ticketID {
                try await TicketRepository.write(
                    TicketLink(ticketID: complaint.id, linkedTicketID: ticketID, kind: .related), on: tx,
                    by: attribution)
            }
        }
    }

    /// The invitation's ticket's owner when active; else the follow-up rule (latest ticket's active owner, the
    /// account manager, round-robin in the ticket's team); else nobody.
    private static func assignee(
        _ customerID: UUID, service: SurveyResponseRepository.Service, on tx: any SQLDatabase
    ) async throws -> UUID? {
        if let owner = service.ticket?.ownerID, try await TicketReferences.isActiveStaff(owner, on: tx) {
            return owner
        }
        return try await FollowUpScheduler.assignee(
            customerID: customerID, accountManagerID: service.accountManagerID, team: service.ticket?.teamID, on: tx)
    }
}
