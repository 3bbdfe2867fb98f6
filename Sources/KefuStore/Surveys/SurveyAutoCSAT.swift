public import Foundation
public import KefuCore
import SQLKit

/// The automatic CSAT (issue 13 §1): when staff resolve a ticket or record a follow-up done, a job invites the
/// customer to the CSAT survey `SurveySettings.csatDelayMinutes` later — once per ticket or task (the
/// invitation's `source_key`), and only for those staff resolved: automatic closes (merges, the timers) never
/// ask. A ticket reopened before the job runs is skipped; resolving it again re-arms the job. Without an active
/// CSAT survey at the resolution nothing is scheduled.
public enum SurveyAutoCSAT {
    public static let jobKind = "surveys.auto_csat"

    /// What the job invites about.
    public struct Subject: Codable, Sendable, Equatable {
        public var ticketID: UUID?
        public var followUpTaskID: UUID?

        enum CodingKeys: String, CodingKey {
            case ticketID = "ticket_id"
            case followUpTaskID = "follow_up_task_id"
        }

        var key: String {
            if let ticketID { return "csat:ticket:" + ticketID.uuidString }
            return "csat:follow_up:" + (followUpTaskID?.uuidString ?? "")
        }
    }

    /// On the resolving write's transaction: arms the job when the settings ask for automatic CSAT and there is
    /// a CSAT survey to ask with.
    static func schedule(_ subject: Subject, on tx: any SQLDatabase, now: Date) async throws {
        let settings = try await SettingsRepository.read(on: tx).surveys
        guard settings.autoCSAT, try await survey(settings, on: tx) != nil else { return }
        try await JobQueue.reschedule(
            kind: jobKind, key: "survey." + subject.key, payload: subject,
            runAt: now.addingTimeInterval(TimeInterval(settings.csatDelayMinutes) * 60), on: tx, now: now)
    }

    /// The job: the invitation, unless automatic CSAT was turned off since, no active CSAT survey exists, the
    /// ticket was reopened or merged, or the customer is gone.
    public static func invite(_ subject: Subject, _ job: JobTransaction) async throws {
        let tx = job.sql
        let settings = try await SettingsRepository.read(on: tx).surveys
        guard settings.autoCSAT, let survey = try await survey(settings, on: tx),
            let invited = try await invitationSubject(subject, on: tx)
        else { return }
        do {
            _ = try await SurveyInvitationRepository.invite(
                survey, invited, sourceKey: subject.key, on: tx,
                by: Attribution(userID: nil, email: nil, requestID: "job:" + jobKind, now: job.now))
        } catch DomainError.invalid {
            // The customer was deleted or merged away since: nobody to ask.
        }
    }

    /// Whom to ask about what: the resolved (or since closed) ticket's customer, or the done task's.
    private static func invitationSubject(_ subject: Subject, on tx: any SQLDatabase) async throws
        -> SurveyInvitationRepository.Subject?
    {
        if let ticketID = subject.ticketID {
            guard let ticket = try? await TicketRepository.load(ticketID, on: tx), ticket.mergedInto == nil,
                ticket.status == .resolved || ticket.status == .closed
            else { return nil }
            return .init(customerID: ticket.customerID, ticketID: ticket.id)
        }
        struct Task: Decodable {
            var customer_id: UUID
            var status: String
        }
        guard let taskID = subject.followUpTaskID,
            let task = try await tx.select().columns("customer_id", "status").from("follow_up_tasks")
                .where("id", .equal, taskID).first(decoding: Task.self),
            task.status == FollowUpStatus.done.rawValue
        else { return nil }
        return .init(customerID: task.customer_id, followUpTaskID: taskID)
    }

    /// The survey named in the settings when it is an active CSAT survey, else the oldest active one.
    private static func survey(_ settings: SurveySettings, on tx: any SQLDatabase) async throws -> Survey? {
        func active() -> SQLSelectBuilder {
            tx.select().column("*").from("surveys").where("kind", .equal, SurveyKind.csat.rawValue)
                .where("active", .equal, true)
        }
        if let named = settings.csatSurveyID,
            let row = try await active().where("id", .equal, named).first(decoding: SurveyRow.self)
        {
            return try row.survey()
        }
        return try await active().orderBy("created_at").orderBy("id").first(decoding: SurveyRow.self)?.survey()
    }
}
