import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
@testable import KefuStore
import KefuTestSupport
import SQLKit
import Testing

@Suite("Points under kill -9", .enabled(if: KefuCLI.built != nil))
struct LoyaltyDurabilityTests {
    /// Records a member's purchases from eight workers — each purchase sent twice, by two workers, as a retry
    /// would — against a real `kefu serve`, kills it with SIGKILL mid-stream, and checks the ledger: every
    /// acknowledged purchase earned exactly once, nothing earned twice, and the balance is the sum of the points.
    @Test func killNineLosesAndDoublesNoPoints() async throws {
        try await withTemporaryDirectoryAsync { directory in
            let database = directory.appendingPathComponent("points.sqlite").path
            let (server, base, token) = try await DurabilityTests().startServer(database: database)
            defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
            let customer = try #require(
                try await DurabilityTests.create(base: base, token: token, name: "会员", phone: "13900000001"))
            let enrolled = try await Self.post(base, token, "loyalty/members", ["customer_id": customer])
            #expect(enrolled?.status == 201)
            // MUT: workers 2k and 2k+1 send the same purchases, until the server is killed under them.
            let acknowledged = await DurabilityTests.killMidStream(server, writes: 300) { worker, index in
                let body: [String: Any] = [
                    "customer_id": customer, "purchased_at": "2026-01-01T00:00:00Z", "total": 1000, "source": "pos",
                    "external_ref": "R-\(worker / 2)-\(index)",
                ]
                guard let answer = try? await Self.post(base, token, "purchases", body),
                    answer.status == 201 || answer.status == 200
                else { return nil }
                return answer.body["id"] as? String
            }
            server.waitUntilExit()
            // validate
            #expect(!acknowledged.isEmpty)
            let reopened = try KefuDatabase(location: .sqlite(path: database))
            struct Earn: Decodable {
                var purchase_id: UUID?
                var points: Int
            }
            struct Member: Decodable { var balance: Int }
            let sql = reopened.db.sql
            let earns = try await sql.raw("SELECT purchase_id, points FROM loyalty_movements WHERE kind = 'earn'")
                .all(decoding: Earn.self)
            let balance = try await sql.raw("SELECT balance FROM loyalty_members").first(decoding: Member.self)?.balance
            struct Count: Decodable { var n: Int }
            let purchases = try await sql.raw("SELECT COUNT(*) AS n FROM purchases").first(decoding: Count.self)?.n
            await reopened.shutdown()
            let earned = Set(earns.compactMap(\.purchase_id?.uuidString))
            let missing = Set(acknowledged).filter { !earned.contains($0.uppercased()) }
            #expect(missing.isEmpty, "\(missing.count) acknowledged purchases earned nothing")
            #expect(earns.count == earned.count, "a purchase earned twice")
            #expect(earns.count == purchases, "every stored purchase earned once")
            #expect(earns.allSatisfy { $0.points == 10 })
            #expect(balance == earns.count * 10)
        }
    }

    static func post(_ base: URL, _ token: String, _ path: String, _ body: [String: Any]) async throws -> (
        status: Int, body: [String: Any]
    )? {
        var request = URLRequest(url: base.appendingPathComponent(path))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return (status, (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:])
    }
}
