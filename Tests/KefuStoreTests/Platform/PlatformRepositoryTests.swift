import Foundation
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

@Suite("Settings, branches, users and tokens")
struct PlatformRepositoryTests {
    @Test(arguments: Engine.available)
    func settingsDefaultAndValidatedUpdate(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let repository = SettingsRepository(database)
            #expect(try await repository.get() == BusinessSettings())
            var settings = BusinessSettings()
            settings.tiers = ["钻石", "VIP", "standard"]
            _ = try await repository.update(settings, by: tester)
            #expect(try await repository.get().tiers == ["钻石", "VIP", "standard"])
            var bad = settings
            bad.currency = "yuan"
            await #expect(throws: DomainError.self) { try await repository.update(bad, by: tester) }
            #expect(try await repository.get().currency == "CNY")
        }
    }

    @Test(arguments: Engine.available)
    func branchNamesAreUniqueAndDeletionKeepsCustomers(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let branches = BranchRepository(database)
            var profile = BranchProfile()
            profile.name = "静安店"
            let branch = try await branches.create(profile, by: tester)
            #expect(branch.profile.timeZone == "Asia/Shanghai")
            await #expect(throws: DomainError.self) { try await branches.create(profile, by: tester) }
            var customerProfile = CustomerProfile()
            customerProfile.name = "Guest"
            customerProfile.branchID = branch.id
            let customer = try await CustomerRepository(database).create(customerProfile, by: tester)
            try await branches.delete(branch.id, by: tester)
            let reloaded = try await CustomerRepository(database).get(customer.id)
            #expect(reloaded.profile.branchID == nil)
        }
    }

    /// An edit that empties an optional field clears its column (not "leave it as it was").
    @Test(arguments: Engine.available)
    func editsClearOptionalFields(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let branches = BranchRepository(database)
            var profile = BranchProfile()
            profile.name = "徐汇店"
            profile.address = "漕溪北路 1 号"
            let branch = try await branches.create(profile, by: tester)
            profile.address = nil
            _ = try await branches.update(branch.id, to: profile, by: tester)
            #expect(try await branches.get(branch.id).profile.address == nil)

            let customers = CustomerRepository(database)
            var customerProfile = CustomerProfile()
            customerProfile.name = "Guest"
            customerProfile.branchID = branch.id
            let customer = try await customers.create(customerProfile, by: tester)
            customerProfile.branchID = nil
            _ = try await customers.update(customer.id, to: customerProfile, by: tester)
            #expect(try await customers.get(customer.id).profile.branchID == nil)
        }
    }

    @Test(arguments: Engine.available)
    func tokensAuthenticateUntilRevokedOrExpired(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let user = try await UserRepository(database).create(
                email: "Agent@Example.com", name: "Agent", role: .agent,
                passwordHash: "x", by: tester)
            #expect(user.email == "agent@example.com")
            let tokens = TokenRepository(database)
            let issued = try await tokens.issue(for: user.id, kind: .api, lifetime: 60, now: tester.now)
            #expect(try await tokens.holder(of: issued.token, now: tester.now)?.user.id == user.id)
            #expect(try await tokens.holder(of: issued.token, now: tester.now.addingTimeInterval(61)) == nil)
            try await tokens.revoke(issued.token)
            #expect(try await tokens.holder(of: issued.token, now: tester.now) == nil)
            await #expect(throws: DomainError.self) {
                try await UserRepository(database).create(
                    email: "agent@example.com", name: "Again", role: .agent,
                    passwordHash: "x", by: tester)
            }
        }
    }
}
