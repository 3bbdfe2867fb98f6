import FluentKit
import SQLKit

/// Follow-up plans and their tasks (issue 12 §2), the `follow_ups` settings column and the customer's
/// `account_manager_id`. The unique (customer_id, plan_id, step, trigger_key) index is what keeps a retried
/// job, a restart or a second server from making a task twice: tasks are inserted with ON CONFLICT DO NOTHING.
struct CreateFollowUps: AsyncMigration {
    var name: String { "022_CreateFollowUps" }

    func prepare(on database: any Database) async throws {
        try await database.schema("follow_up_plans")
            .id()
            .field("name", .string, .required)
            .field("trigger_kind", .string, .required)
            .field("trigger", .string, .required)
            .field("steps", .string, .required)
            .field("team_id", .uuid, .references("teams", "id", onDelete: .setNull))
            .field("active", .bool, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema("follow_up_tasks")
            .id()
            .field("plan_id", .uuid, .references("follow_up_plans", "id", onDelete: .cascade))
            .field("step", .int, .required)
            .field("customer_id", .uuid, .required, .references("customers", "id", onDelete: .cascade))
            .field("trigger_kind", .string, .required)
            .field("trigger_key", .string, .required)
            .field("due_on", .string, .required)
            .field("channel", .string, .required)
            .field("script", .string, .required)
            .field("assignee_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("status", .string, .required)
            .field("outcome", .string)
            .field("note", .string)
            .field("ticket_id", .uuid, .references("tickets", "id", onDelete: .setNull))
            .field("source_ticket_id", .uuid, .references("tickets", "id", onDelete: .setNull))
            .field("escalated_at", .datetime)
            .field("completed_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "customer_id", "plan_id", "step", "trigger_key", name: "follow_up_tasks_once")
            .create()
        try await database.schema("settings").field("follow_ups", .string).update()
        try await database.schema("customers").field("account_manager_id", .uuid).update()
        guard let sql = database as? any SQLDatabase else { return }
        for statement in [
            "CREATE INDEX follow_up_tasks_assignee_idx ON follow_up_tasks (assignee_id, status, due_on, id)",
            "CREATE INDEX follow_up_tasks_customer_idx ON follow_up_tasks (customer_id, due_on, id)",
            "CREATE INDEX follow_up_tasks_due_idx ON follow_up_tasks (status, due_on, id)",
            "CREATE INDEX follow_up_tasks_plan_idx ON follow_up_tasks (plan_id, customer_id, due_on)",
            "CREATE INDEX follow_up_plans_kind_idx ON follow_up_plans (trigger_kind, active, created_at)",
        ] {
            try await sql.raw("\(unsafeRaw: statement)").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("customers").deleteField("account_manager_id").update()
        try await database.schema("settings").deleteField("follow_ups").update()
        try await database.schema("follow_up_tasks").delete()
        try await database.schema("follow_up_plans").delete()
    }
}
