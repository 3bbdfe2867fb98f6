import FluentKit

/// Referrals (issue 15 §4): the member whose referral code (their member number) a new member joined with, who is
/// rewarded on the new member's first purchase.
struct AddMemberReferrals: AsyncMigration {
    var name: String { "032_AddMemberReferrals" }

    func prepare(on database: any Database) async throws {
        try await database.schema("loyalty_members")
            .field("referred_by", .uuid, .references("loyalty_members", "id", onDelete: .setNull)).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("loyalty_members").deleteField("referred_by").update()
    }
}
