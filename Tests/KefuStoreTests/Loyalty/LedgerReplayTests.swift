import Foundation
import KefuCore
import KefuTestSupport
import SQLKit
import Testing

@testable import KefuStore

/// The ledger's invariants over random histories, on both databases (issue 15 §2): the balance is the sum of the
/// movements and never below 0; every lot's remaining points are what its draws left; the same events give the
/// same ledger in a fresh database, and delivering the idempotent ones again (purchases, redemptions, expiry
/// runs) changes nothing.
@Suite("Points ledger replay")
struct LedgerReplayTests {
    enum Event {
        case purchase(ref: Int, day: Int, total: Int)
        case redeem(key: Int, day: Int, points: Int)
        case refund(ref: Int, day: Int)
        case adjust(day: Int, points: Int)
        case expire(day: Int)

        var idempotent: Bool {
            switch self {
            case .purchase, .redeem, .expire: true
            case .refund, .adjust: false
            }
        }
    }

    static let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    /// A history of `count` events over two years, the same for the same seed.
    static func history(seed: UInt64, count: Int) -> [Event] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var day = 0
        var refs = 0
        return (0..<count).map { index in
            day += next(40)
            switch next(10) {
            case 0...3:
                refs += 1
                return .purchase(ref: refs, day: day, total: 100 + next(50_000))
            case 4, 5: return .redeem(key: index, day: day, points: 1 + next(300))
            case 6: return .refund(ref: 1 + next(max(refs, 1)), day: day)
            case 7: return .adjust(day: day, points: next(2) == 0 ? 1 + next(100) : -(1 + next(50)))
            default: return .expire(day: day)
            }
        }
    }

    /// Applies `events` for the one member of `customer`; refusals (409: too few points, refunded already) are
    /// part of the history. Returns the events that were taken.
    @discardableResult
    static func apply(_ events: [Event], customer: UUID, member: UUID, database: KefuDatabase) async throws
        -> [Event]
    {
        let purchases = PurchaseRepository(database)
        let loyalty = LoyaltyRepository(database)
        func at(_ day: Int) -> Attribution {
            Attribution(
                userID: nil, email: "replay@example.test", requestID: nil,
                now: start.addingTimeInterval(Double(day) * 86_400 + 3_600))
        }
        var taken: [Event] = []
        for event in events {
            do {
                switch event {
                case .purchase(let ref, let day, let total):
                    _ = try await purchases.record(
                        PurchaseDraft(
                            customerID: customer, purchasedAt: at(day).now, total: total, source: "pos",
                            externalRef: "P\(ref)"), by: at(day))
                case .redeem(let key, let day, let points):
                    _ = try await loyalty.redeem(member, points: points, key: "K\(key)", reason: nil, by: at(day))
                case .refund(let ref, let day):
                    guard let original = try await Self.purchase(ref: ref, customer: customer, database) else { break }
                    _ = try await purchases.refund(original, RefundRequest(), by: at(day))
                case .adjust(let day, let points):
                    _ = try await loyalty.adjust(member, points: points, reason: "correction", by: at(day))
                case .expire(let day):
                    let now = at(day).now
                    try await database.db.sqlTransaction { tx in
                        _ = try await LoyaltyLedger.expire(before: CalendarDay(now, in: .gmt), on: tx, now: now)
                    }
                }
                taken.append(event)
            } catch DomainError.conflict {
                continue
            }
        }
        return taken
    }

    static func purchase(ref: Int, customer: UUID, _ database: KefuDatabase) async throws -> UUID? {
        struct Found: Decodable { var id: UUID }
        return try await database.db.sql.select().column("id").from("purchases").where("customer_id", .equal, customer)
            .where("external_ref", .equal, "P\(ref)").first(decoding: Found.self)?.id
    }

    /// The ledger with every generated id replaced by what it stands for, as a sorted list of lines.
    static func ledger(_ member: UUID, _ database: KefuDatabase) async throws -> [String] {
        struct PurchaseName: Decodable {
            var id: UUID
            var external_ref: String?
            var refund_of: UUID?
        }
        let sql = database.db.sql
        let purchases = try await sql.select().columns("id", "external_ref", "refund_of").from("purchases")
            .all(decoding: PurchaseName.self)
        var names = Dictionary(uniqueKeysWithValues: purchases.map { ($0.id, $0.external_ref ?? "?") })
        for refund in purchases {
            if let of = refund.refund_of { names[refund.id] = "refund of " + (names[of] ?? "?") }
        }
        let rows = try await sql.select().column("*").from("loyalty_movements").where("member_id", .equal, member)
            .all(decoding: MovementRow.self)
        let draws = try await LoyaltyLedger.draws(of: rows.map(\.id), on: sql)
        var lots: [UUID: String] = [:]
        func named(_ source: String) -> String {
            var text = source.replacingOccurrences(of: member.uuidString, with: "member")
            for (id, name) in names { text = text.replacingOccurrences(of: id.uuidString, with: name) }
            for (id, name) in lots { text = text.replacingOccurrences(of: id.uuidString, with: "lot(\(name))") }
            return text.hasPrefix("adjustment:") ? "adjustment" : text
        }
        for row in rows where row.expires_on != nil {
            lots[row.id] = named(row.source) + "@" + row.created_at.description
        }
        return rows.map { row in
            let drawn = (draws[row.id] ?? []).map { "\(lots[$0.lotID] ?? "?")×\($0.points)" }.sorted()
            return [
                row.kind, String(row.points), named(row.source), row.reason ?? "", row.expires_on ?? "",
                row.created_at.description, drawn.joined(separator: ","),
            ].joined(separator: " | ")
        }.sorted()
    }

    /// Balance = Σ movements ≥ 0, and each lot's remaining points are its points less what was drawn from it.
    static func checkInvariants(_ member: UUID, _ database: KefuDatabase) async throws {
        struct Sum: Decodable { var total: Int? }
        let sql = database.db.sql
        let balance = try await LoyaltyLedger.load(member, on: sql).balance
        let sum =
            try await sql.raw(
                "SELECT CAST(SUM(points) AS BIGINT) AS total FROM loyalty_movements WHERE member_id = \(bind: member)"
            ).first(decoding: Sum.self)?.total ?? 0
        #expect(balance == sum && balance >= 0)
        let lots = try await sql.select().column("*").from("loyalty_lots").where("member_id", .equal, member)
            .all(decoding: LotRow.self)
        for lot in lots {
            let drawn =
                try await sql.raw(
                    "SELECT CAST(SUM(points) AS BIGINT) AS total FROM loyalty_draws WHERE lot_id = \(bind: lot.id)"
                ).first(decoding: Sum.self)?.total ?? 0
            #expect(lot.remaining == lot.points - drawn && lot.remaining >= 0, "lot \(lot.id)")
        }
    }

    /// A customer enrolled, with points lasting 90 days so that expiry runs find lots.
    static func member(_ database: KefuDatabase) async throws -> (customer: UUID, member: UUID) {
        var settings = try await SettingsRepository(database).get()
        settings.timeZone = "UTC"
        settings.loyalty.pointsValidDays = 90
        _ = try await SettingsRepository(database).update(settings, by: tester)
        let customer = try await CustomerRepository(database).create(profile("回放"), by: tester).id
        let attribution = Attribution(userID: nil, email: nil, requestID: nil, now: start)
        return (customer, try await LoyaltyRepository(database).enrol(customerID: customer, by: attribution).id)
    }

    @Test(arguments: Engine.available, [UInt64(1), 2, 3])
    func theSameEventsGiveTheSameLedgerAndRetriesChangeNothing(engine: Engine, seed: UInt64) async throws {
        let events = Self.history(seed: seed, count: 40)
        var ledgers: [[String]] = []
        for _ in 0..<2 {
            try await withDatabase(engine) { database in
                let (customer, member) = try await Self.member(database)
                let taken = try await Self.apply(events, customer: customer, member: member, database: database)
                try await Self.checkInvariants(member, database)
                let once = try await Self.ledger(member, database)
                // Delivered again, what was taken changes nothing (what was refused is a new attempt, not a retry).
                try await Self.apply(
                    taken.filter(\.idempotent), customer: customer, member: member, database: database)
                #expect(try await Self.ledger(member, database) == once)
                try await Self.checkInvariants(member, database)
                ledgers.append(once)
            }
        }
        #expect(ledgers[0] == ledgers[1])
        #expect(ledgers[0].contains { $0.hasPrefix("earn") } && ledgers[0].contains { $0.hasPrefix("redeem") })
    }
}
