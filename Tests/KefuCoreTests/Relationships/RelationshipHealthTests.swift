import Foundation
import Testing

@testable import KefuCore

/// The health balance on the worked example of docs/SCIENCE.md › Relationship health, and its rules:
/// halving per half-life, events after now, weights, the at-risk threshold, ordering.
@Suite struct RelationshipHealthTests {
    static let now = RFC3339.date("2026-03-01T00:00:00Z")!

    static func at(_ text: String) -> Date { RFC3339.date(text)! }

    /// docs/SCIENCE.md: 3·1 − 4·0.5^0.5 + 1·0.5 − 3·0.25 = 2.75 − 2√2 ≈ −0.078427.
    static let workedExample = [
        HealthEvent(kind: .purchase, at: at("2025-12-01T00:00:00Z")),  // 90 days: × 0.5
        HealthEvent(kind: .complaint, at: at("2025-09-02T00:00:00Z")),  // 180 days: × 0.25
        HealthEvent(kind: .compliment, at: at("2026-03-01T00:00:00Z")),  // 0 days: × 1
        HealthEvent(kind: .csatLow, at: at("2026-01-15T00:00:00Z")),  // 45 days: × √0.5
    ]

    @Test func theWorkedExampleOfTheDocs() {
        let result = RelationshipHealth().balance(of: Self.workedExample, now: Self.now)
        #expect(calcClose(result.balance, 2.75 - 2 * 2.0.squareRoot()))
        #expect(calcClose(result.balance, -0.078_427_124_746_190_29))
        #expect(result.atRisk)
        #expect(result.movements.map(\.kind) == [.compliment, .csatLow, .purchase, .complaint])
        #expect(result.movements.map(\.weight) == [3, -4, 1, -3])
        let expected = [3, -4 * 0.5.squareRoot(), 0.5, -0.75]
        for (movement, contribution) in zip(result.movements, expected) {
            #expect(calcClose(movement.contribution, contribution), "\(movement)")
        }
        #expect(
            result.movements.map(\.at) == [
                Self.now, Self.at("2026-01-15T00:00:00Z"), Self.at("2025-12-01T00:00:00Z"),
                Self.at("2025-09-02T00:00:00Z"),
            ])
    }

    @Test func anEventHalvesEveryHalfLifeInFractionalDays() {
        let health = RelationshipHealth(halfLifeDays: 30)
        // 45 days and 12 hours: 0.5^(45.5 / 30).
        let event = HealthEvent(kind: .promiseMissed, at: Self.at("2026-01-14T12:00:00Z"))
        let result = health.balance(of: [event], now: Self.now)
        #expect(calcClose(result.balance, -5 * pow(0.5, 45.5 / 30)))
        // An offset and a fraction of a second are part of the age: 0.25 s before now.
        let recent = HealthEvent(kind: .purchase, at: Self.at("2026-03-01T07:59:59.75+08:00"))
        #expect(calcClose(health.balance(of: [recent], now: Self.now).balance, pow(0.5, 0.25 / 86_400 / 30)))
    }

    @Test func eventsAfterNowDoNotCountAndAnEventAtNowCountsInFull() {
        let events = [
            HealthEvent(kind: .complaint, at: Self.now.addingTimeInterval(0.001)),
            HealthEvent(kind: .compliment, at: Self.now),
        ]
        let result = RelationshipHealth().balance(of: events, now: Self.now)
        #expect(result.balance == 3)
        #expect(result.movements.map(\.kind) == [.compliment])
        #expect(!result.atRisk)
    }

    @Test func atRiskIsStrictlyBelowTheThreshold() {
        let compliment = [HealthEvent(kind: .compliment, at: Self.now)]
        #expect(!RelationshipHealth(atRiskThreshold: 3).balance(of: compliment, now: Self.now).atRisk)
        #expect(RelationshipHealth(atRiskThreshold: 3.5).balance(of: compliment, now: Self.now).atRisk)
        let nothing = RelationshipHealth().balance(of: [], now: Self.now)
        #expect(nothing.balance == 0 && !nothing.atRisk && nothing.movements.isEmpty)
    }

    @Test func theDefaultWeightsAreTheIssues() {
        let expected: [String: Double] = [
            "compliment": 3, "csat_high": 3, "promoter": 3, "follow_up_satisfied": 2, "resolved_within_sla": 1,
            "purchase": 1, "complaint": -3, "detractor": -3, "sla_breach": -2, "csat_low": -4,
            "follow_up_unreachable": -1, "promise_missed": -5,
        ]
        #expect(Set(HealthEventKind.allCases.map(\.rawValue)) == Set(expected.keys))
        for kind in HealthEventKind.allCases {
            #expect(HealthWeights.defaults[kind] == expected[kind.rawValue], "\(kind)")
        }
        #expect(RelationshipHealth.defaultHalfLifeDays == 90)
        #expect(RelationshipHealth.defaultAtRiskThreshold == 0)
    }

    @Test func overridesReplaceOnlyTheKindsTheyName() throws {
        let weights = try HealthWeights.defaults.replacing(["purchase": 2.5, "complaint": 0])
        #expect(weights[.purchase] == 2.5)
        #expect(weights[.complaint] == 0)
        #expect(weights[.promiseMissed] == -5)
        #expect(throws: HealthWeightsError.unknownKind("refund")) {
            try HealthWeights.defaults.replacing(["purchase": 2, "refund": 1])
        }
        #expect(throws: HealthWeightsError.notFinite(kind: "purchase")) {
            try HealthWeights.defaults.replacing(["purchase": .infinity])
        }
    }

    @Test func halfLifeMustBePositiveAndFinite() {
        #expect(RelationshipHealth.isValidHalfLife(0.5))
        for days in [0, -1, .infinity, .nan] { #expect(!RelationshipHealth.isValidHalfLife(days), "\(days)") }
    }

    @Test func sameInstantEventsKeepTheirOrderAmongTheMovements() {
        let events = [
            HealthEvent(kind: .slaBreach, at: Self.at("2026-02-01T00:00:00Z")),
            HealthEvent(kind: .resolvedWithinSLA, at: Self.at("2026-02-01T00:00:00Z")),
            HealthEvent(kind: .promoter, at: Self.at("2026-02-02T00:00:00Z")),
        ]
        let kinds = RelationshipHealth().balance(of: events, now: Self.now).movements.map(\.kind)
        #expect(kinds == [.promoter, .slaBreach, .resolvedWithinSLA])
    }

    @Test func balancesAreSortedByCustomerIDInByteOrder() {
        let events = ["b", "a", "é", "B", "a"].map {
            CustomerHealthEvent(customerID: $0, event: HealthEvent(kind: .purchase, at: Self.now))
        }
        let result = RelationshipHealth().balances(of: events, now: Self.now)
        #expect(result.map(\.customerID) == ["B", "a", "b", "é"])
        #expect(result.map(\.health.balance) == [1, 2, 1, 1])
        #expect(result.map(\.health.movements.count) == [1, 2, 1, 1])
    }

    @Test func readsEventRowsWithAnyRFC3339Instant() throws {
        let csv = try CalcCSV(
            parsing: """
                customer_id,kind,at
                c1,purchase,2026-02-28T12:00:00+08:00
                c2 , complaint ,2026-02-01t00:00:00.5z
                """)
        let rows = try csv.healthEvents(notAfter: Self.now)
        #expect(rows.map(\.customerID) == ["c1", "c2"])
        #expect(rows.map(\.event.kind) == [.purchase, .complaint])
        #expect(rows.map(\.event.at) == [Self.at("2026-02-28T04:00:00Z"), Self.at("2026-02-01T00:00:00.5Z")])
        #expect(rows.map(\.line) == [2, 3])
    }

    @Test func aBadEventRowIsAnErrorNamingItsLine() throws {
        let header = "customer_id,kind,at\nc1,purchase,2026-01-01T00:00:00Z\n"
        let cases: [(row: String, message: String)] = [
            ("c2,refund,2026-01-01T00:00:00Z", "unknown event kind \"refund\""),
            ("c2,purchase,2026-03-01T00:00:00.001Z", "of customer \"c2\" is after --now 2026-03-01T00:00:00Z"),
            (" ,purchase,2026-01-01T00:00:00Z", "customer_id is empty"),
            ("c2,purchase,2026-01-01T00:00:00", "is not an RFC 3339 date-time"),
            ("c2,purchase,2026-01-01 00:00:00Z", "is not an RFC 3339 date-time"),
        ]
        for item in cases {
            let csv = try CalcCSV(parsing: header + item.row + "\n")
            do throws(CalcInputError) {
                _ = try csv.healthEvents(notAfter: Self.now)
                Issue.record("\(item.row) was accepted")
            } catch {
                #expect(error.line == 3, "\(item.row)")
                #expect(error.message.contains(item.message), "\(error.message)")
            }
        }
        let missing = try CalcCSV(parsing: "customer_id,at\nc1,2026-01-01T00:00:00Z\n")
        #expect(throws: CalcInputError.self) { try missing.healthEvents(notAfter: Self.now) }
    }
}
