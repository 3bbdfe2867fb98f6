import Foundation
import KefuCore
import FluentKit
import SQLKit

/// Writes every live customer as CSV in the import format, page by page, so export → import
/// into an empty database reproduces the customers.
public struct CustomerExport: Sendable {
    let database: KefuDatabase

    public init(_ database: KefuDatabase) { self.database = database }

    /// Calls `write` with chunks of CSV text (header first); returns the number of customers.
    @discardableResult
    public func run(_ write: (String) async throws -> Void) async throws -> Int {
        let settings = try await SettingsRepository(database).get()
        let branchNames = Dictionary(try await BranchRepository(database).list().map { ($0.id, $0.profile.name) }) {
            a, _ in a
        }
        let userEmails = Dictionary(try await UserRepository(database).all().map { ($0.id, $0.email) }) { a, _ in a }
        var writer = CSV.Writer()
        writer.write(CustomerCSV.header(customFields: settings.customFields))
        var query = CustomerQuery()
        query.sort = .createdAt
        query.limit = CustomerQuery.maxLimit
        var count = 0
        let repository = CustomerRepository(database)
        repeat {
            let page = try await repository.list(query)
            for customer in page.items {
                writer.write(
                    CustomerCSV.row(
                        for: customer.profile, branchName: customer.profile.branchID.flatMap { branchNames[$0] },
                        accountManagerEmail: customer.profile.accountManagerID.flatMap { userEmails[$0] },
                        customFields: settings.customFields))
            }
            count += page.items.count
            try await write(writer.output)
            writer.removeAll()
            query.cursor = page.nextCursor
        } while query.cursor != nil
        return count
    }
}
