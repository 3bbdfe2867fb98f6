import FluentKit
import SQLKit

/// Surveys (issue 13 §1): the surveys, the invitations sent for them (each opened by a single-use signed link;
/// `source_key` unique, so the automatic CSAT of a ticket or follow-up is made once however often it is asked
/// for), the responses (one per invitation: `invitation_id` unique, so two posts of one link store one answer,
/// with the branch, team and agent the reports group by, copied at answer time), and the survey settings.
struct CreateSurveys: AsyncMigration {
    var name: String { "024_CreateSurveys" }

    func prepare(on database: any Database) async throws {
        try await database.schema("surveys")
            .id()
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("title_zh", .string)
            .field("questions", .string, .required)
            .field("three_column", .bool, .required)
            .field("importance", .bool, .required)
            .field("active", .bool, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema("survey_invitations")
            .id()
            .field("survey_id", .uuid, .required, .references("surveys", "id", onDelete: .cascade))
            .field("customer_id", .uuid, .required, .references("customers", "id", onDelete: .cascade))
            .field("ticket_id", .uuid, .references("tickets", "id", onDelete: .setNull))
            .field("follow_up_task_id", .uuid, .references("follow_up_tasks", "id", onDelete: .setNull))
            .field("link_id", .uuid, .required)
            .field("source_key", .string)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("answered_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "source_key")
            .create()
        try await database.schema("survey_responses")
            .id()
            .field("survey_id", .uuid, .required, .references("surveys", "id", onDelete: .cascade))
            .field("invitation_id", .uuid, .required, .references("survey_invitations", "id", onDelete: .cascade))
            .field("customer_id", .uuid, .required, .references("customers", "id", onDelete: .cascade))
            .field("ticket_id", .uuid, .references("tickets", "id", onDelete: .setNull))
            .field("follow_up_task_id", .uuid, .references("follow_up_tasks", "id", onDelete: .setNull))
            .field("kind", .string, .required)
            .field("score", .int)
            .field("reason", .string)
            .field("answers", .string, .required)
            .field("language", .string, .required)
            .field("branch_id", .uuid)
            .field("team_id", .uuid)
            .field("agent_id", .uuid)
            .field("created_at", .datetime, .required)
            .unique(on: "invitation_id")
            .create()
        try await database.schema("settings").field("surveys", .string).update()
        guard let sql = database as? any SQLDatabase else { return }
        for statement in [
            "CREATE INDEX survey_invitations_survey_idx ON survey_invitations (survey_id, created_at, id)",
            "CREATE INDEX survey_invitations_customer_idx ON survey_invitations (customer_id, created_at)",
            "CREATE INDEX survey_invitations_ticket_idx ON survey_invitations (ticket_id)",
            "CREATE INDEX survey_responses_survey_idx ON survey_responses (survey_id, created_at, id)",
            "CREATE INDEX survey_responses_kind_idx ON survey_responses (kind, created_at)",
        ] {
            try await sql.raw("\(unsafeRaw: statement)").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("settings").deleteField("surveys").update()
        try await database.schema("survey_responses").delete()
        try await database.schema("survey_invitations").delete()
        try await database.schema("surveys").delete()
    }
}
