import FluentKit

/// The reward a redemption bought (issue 15 §2: points are redeemed for a discount or a gift), by its id in
/// `loyalty.rewards`; null for points redeemed without one.
struct AddMovementReward: AsyncMigration {
    var name: String { "031_AddMovementReward" }

    func prepare(on database: any Database) async throws {
        try await database.schema("loyalty_movements").field("reward", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("loyalty_movements").deleteField("reward").update()
    }
}
