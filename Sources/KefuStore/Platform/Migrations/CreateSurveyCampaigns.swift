import FluentKit
import SQLKit

/// Survey campaigns (issue 13 §1): one survey sent to a segment of customers at once; each invitation names its
/// campaign, so the response rate is counted per campaign.
struct CreateSurveyCampaigns: AsyncMigration {
    var name: String { "026_CreateSurveyCampaigns" }

    func prepare(on database: any Database) async throws {
        try await database.schema("survey_campaigns")
            .id()
            .field("survey_id", .uuid, .required, .references("surveys", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("segment", .string, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("survey_invitations").field("campaign_id", .uuid).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX survey_invitations_campaign_idx ON survey_invitations (campaign_id)").run()
        try await sql.raw("CREATE INDEX survey_campaigns_survey_idx ON survey_campaigns (survey_id, created_at)").run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.raw("DROP INDEX survey_invitations_campaign_idx").run()
        }
        try await database.schema("survey_invitations").deleteField("campaign_id").update()
        try await database.schema("survey_campaigns").delete()
    }
}
