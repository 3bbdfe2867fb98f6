public import Foundation
public import KefuCore
import SQLKit

/// The follow-up work that runs once a business day (`DailyJobs`): periodic and anniversary plans, swept
/// set-wise for the day, and the escalation of overdue tasks.
public enum FollowUpDailyJobs {
    public static let calendarKind = "followups.calendar"
    public static let escalationKind = "followups.escalate"

    /// Periodic plans: the customers of the plan's tier whose last task from it (by its trigger date), or the
    /// plan's creation, lies `every_days` or more ago. Anniversary plans: the customers whose birthday or date
    /// field falls `days_before` from `day`, once a year (`anniversary:<year>`).
    public static func calendar(_ day: CalendarDay, _ job: JobTransaction) async throws {
        let tx = job.sql
        let zone = try await SettingsRepository.read(on: tx).zone
        let at = day.start(in: zone)
        for plan in try await FollowUpScheduler.plans(.periodic, createdBy: job.now, on: tx) {
            guard let tier = plan.trigger.tier, let every = plan.trigger.everyDays,
                FollowUpSchedule.periodicIsDue(
                    since: CalendarDay(plan.createdAt, in: zone), everyDays: every, today: day)
            else { continue }
            let recent = "periodic:" + day.adding(days: -(every - 1)).description
            let ids = try await tx.raw(
                """
                SELECT c.id FROM customers c
                WHERE c.tier = \(bind: tier) AND c.deleted_at IS NULL AND c.merged_into IS NULL
                AND NOT EXISTS (SELECT 1 FROM follow_up_tasks t WHERE t.plan_id = \(bind: plan.id)
                  AND t.customer_id = c.id AND t.trigger_key >= \(bind: recent))
                ORDER BY c.id
                """
            ).all(decoding: IDRow.self).map(\.id)
            try await schedule(plan, ids, key: "periodic:\(day)", at: at, on: tx, now: job.now)
        }
        for plan in try await FollowUpScheduler.plans(.anniversary, createdBy: job.now, on: tx) {
            guard let field = plan.trigger.field, let before = plan.trigger.daysBefore else { continue }
            let monthDays = FollowUpSchedule.anniversaryMonthDays(today: day, daysBefore: before)
            let rows = try await liveCustomers(on: tx).column("profile").where {
                for monthDay in monthDays {
                    $0.orWhere("profile", .like, "%\"\(field)\":\"____-\(monthDay)\"%")
                }
                return $0
            }.all(decoding: ProfileRow.self)
            let ids = try rows.filter { row in
                guard let date = try anniversaryDate(row, field: field) else { return false }
                return FollowUpSchedule.anniversary(of: date, today: day, daysBefore: before) != nil
            }.map(\.id)
            try await schedule(
                plan, ids, key: "anniversary:\(day.adding(days: before).year)", at: at, on: tx, now: job.now)
        }
    }

    /// Notifies the managers of each task still `due` whose due date and grace (`follow_ups.escalate_after_days`)
    /// have passed, once per task (`escalated_at`).
    public static func escalate(_ day: CalendarDay, _ job: JobTransaction) async throws {
        let tx = job.sql
        let settings = try await SettingsRepository.read(on: tx)
        let cutoff = settings.followUps.escalationCutoff(today: day)
        let rows = try await tx.raw(
            """
            SELECT t.*, c.name AS customer_name FROM follow_up_tasks t JOIN customers c ON c.id = t.customer_id
            WHERE t.status = \(bind: FollowUpStatus.due.rawValue) AND t.escalated_at IS NULL
            AND t.due_on <= \(bind: cutoff.description)
            ORDER BY t.due_on, t.id
            """
        ).all(decoding: FollowUpTaskListRow.self)
        guard !rows.isEmpty else { return }
        let managers = try await NotificationRepository.managers(on: tx)
        let attribution = Attribution.system("follow-up scheduler", now: job.now)
        for row in rows {
            let task = try row.task.task(customerName: row.customer_name)
            try await NotificationRepository.notify(
                managers.map { NotificationRecipient(userID: $0, kind: NotificationKind.followUpOverdue) },
                about: .init(type: "follow_up", id: task.id, link: "/customers/\(task.customerID.uuidString)"),
                params: ["customer": task.customerName ?? "", "due_on": task.dueOn.description], on: tx,
                by: attribution)
        }
        for chunk in rows.map(\.task.id).chunked(into: 500) {
            try await tx.update("follow_up_tasks").set("escalated_at", to: job.now).where("id", .in, Array(chunk))
                .run()
        }
    }

    private struct IDRow: Decodable { var id: UUID }

    private struct ProfileRow: Decodable {
        var id: UUID
        var profile: String
    }

    private static func liveCustomers(on tx: any SQLDatabase) -> SQLSelectBuilder {
        tx.select().column("id").from("customers").where("deleted_at", .is, SQLLiteral.null)
            .where("merged_into", .is, SQLLiteral.null)
    }

    /// The customer's birthday or date custom field `field`, from the stored profile (the LIKE only narrowed).
    private static func anniversaryDate(_ row: ProfileRow, field: String) throws -> CalendarDay? {
        let profile =
            try CustomerProfileJSON.decode(row.profile) ?? StoreJSON.decode(CustomerProfile.self, from: row.profile)
        let text: String? =
            if field == FollowUpTrigger.birthdayField { profile.birthday } else {
                if case .string(let value) = profile.customFields[field] { value } else { nil }
            }
        return text.flatMap(CalendarDay.init(dateOnly:))
    }

    private static func schedule(
        _ plan: FollowUpPlan, _ ids: [UUID], key: String, at: Date, on tx: any SQLDatabase, now: Date
    ) async throws {
        guard !ids.isEmpty else { return }
        try await FollowUpScheduler.schedule(
            plan, for: ids.map { .init(customerID: $0, triggerKey: key, at: at) }, on: tx, now: now)
    }
}
