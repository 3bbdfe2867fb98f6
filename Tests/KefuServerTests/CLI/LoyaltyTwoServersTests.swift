import Foundation
@testable import KefuStore
import KefuTestSupport
import SQLKit
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Points with two kefu serve processes", .enabled(if: KefuCLI.built != nil))
struct LoyaltyTwoServersTests {
    let cli = KefuCLI.built!

    /// Two servers on one PostgreSQL: every purchase of a member and every redemption is sent to both at once, as
    /// a till that retries against the other instance would. Each purchase is stored and earns once, each
    /// redemption key draws once, and the balance is the sum of the movements (issue 15 §2).
    @Test func eachPurchaseEarnsOnceAndEachRedemptionDrawsOnceAcrossServers() async throws {
        guard Engine.postgresURL != nil else {
            print("note: KEFU_TEST_POSTGRES_URL is not set; the two-instance points test is skipped.")
            return
        }
        try await SLATimerProcessTests().withServedDatabase(.postgres) { database, store in
            async let first = KefuServe.start(cli, database: database)
            async let second = KefuServe.start(cli, database: database)
            let servers = try await [first, second]
            defer { for server in servers { server.stop() } }
            let tokens = try await [
                servers[0].login(SLATimerProcessTests.agent), servers[1].login(SLATimerProcessTests.agent),
            ]
            let made = try await servers[0].call("POST", "customers", token: tokens[0], json: ["name": "两台服务器"])
            let customer = try #require((made.body as? [String: Any])?["id"] as? String)
            let enrolled = try await servers[1].call(
                "POST", "loyalty/members", token: tokens[1], json: ["customer_id": customer])
            let member = try #require((enrolled.body as? [String: Any])?["id"] as? String)
            // MUT: 40 purchases of 25.00 and 10 redemptions of 5 points, each sent to both servers at once.
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<50 {
                    for server in 0..<2 {
                        group.addTask {
                            let (path, body): (String, [String: Any]) =
                                index < 40
                                ? (
                                    "purchases",
                                    [
                                        "customer_id": customer, "purchased_at": "2026-01-01T00:00:00Z",
                                        "total": 2500, "source": "pos", "external_ref": "T-\(index)",
                                    ]
                                )
                                : (
                                    "loyalty/members/\(member)/redemptions",
                                    ["points": 5, "idempotency_key": "till-\(index)"]
                                )
                            return try await servers[server].call("POST", path, token: tokens[server], json: body)
                                .status
                        }
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            // validate
            #expect(statuses.allSatisfy { [200, 201, 409].contains($0) }, "\(statuses)")
            struct Count: Decodable { var n: Int }
            let sql = store.db.sql
            let count = { (query: SQLQueryString) in try await sql.raw(query).first(decoding: Count.self)?.n ?? -1 }
            #expect(try await count("SELECT COUNT(*) AS n FROM purchases") == 40)
            #expect(try await count("SELECT COUNT(*) AS n FROM loyalty_movements WHERE kind = 'earn'") == 40)
            let redeemed = try await count("SELECT COUNT(*) AS n FROM loyalty_movements WHERE kind = 'redeem'")
            // A redemption sent before enough points were earned is refused by both servers; none draws twice.
            #expect((1...10).contains(redeemed))
            #expect(statuses.filter { $0 == 201 }.count == 40 + redeemed)
            let balance = try await count("SELECT balance AS n FROM loyalty_members")
            let sum = try await count("SELECT CAST(SUM(points) AS BIGINT) AS n FROM loyalty_movements")
            #expect(balance == sum && balance == 40 * 25 - redeemed * 5)
        }
    }
}
