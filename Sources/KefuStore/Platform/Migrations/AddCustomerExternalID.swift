import FluentKit
import SQLKit

/// The customer's `external_id` (issue 12 §1: purchase imports find the customer by phone, email or the id another
/// system gives it), copied from the profile into an indexed column, as the branch and account manager are.
struct AddCustomerExternalID: AsyncMigration {
    var name: String { "025_AddCustomerExternalID" }

    func prepare(on database: any Database) async throws {
        try await database.schema("customers").field("external_id", .string).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX customers_external_id_idx ON customers (external_id)").run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.raw("DROP INDEX customers_external_id_idx").run()
        }
        try await database.schema("customers").deleteField("external_id").update()
    }
}
