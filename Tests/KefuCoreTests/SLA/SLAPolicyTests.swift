import Foundation
import KefuCore
import Testing

@Suite("SLA policies: matching and validation")
struct SLAPolicyTests {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    static func policy(
        _ name: String, tiers: [String]? = nil, priorities: [TicketPriority]? = nil, types: [TicketType]? = nil,
        age: Int = 0
    ) -> SLAPolicy {
        SLAPolicy(
            id: UUID(),
            draft: SLAPolicyDraft(
                name: name, tiers: tiers, priorities: priorities, types: types, firstResponseMinutes: 60,
                resolutionMinutes: 480),
            createdAt: start.addingTimeInterval(Double(-age)), updatedAt: start)
    }

    @Test
    func theMostSpecificMatchWinsThenTierPriorityTypeThenTheOldest() {
        let any = Self.policy("any")
        let vip = Self.policy("vip", tiers: ["VIP"])
        let urgent = Self.policy("urgent", priorities: [.urgent])
        let complaint = Self.policy("complaint", types: [.complaint])
        let vipComplaint = Self.policy("vip complaint", tiers: ["VIP"], types: [.complaint])
        let vipUrgent = Self.policy("vip urgent", tiers: ["VIP"], priorities: [.urgent, .high])
        let all = [any, vip, urgent, complaint, vipComplaint, vipUrgent]
        func pick(_ tier: String?, _ priority: TicketPriority, _ type: TicketType, among: [SLAPolicy] = all) -> String?
        {
            SLAPolicy.applying(to: tier, priority: priority, type: type, among: among)?.name
        }
        #expect(pick("VIP", .urgent, .complaint) == "vip urgent")  // two dimensions; tier+priority before tier+type
        #expect(pick("VIP", .normal, .complaint) == "vip complaint")
        #expect(pick("VIP", .normal, .inquiry) == "vip")
        #expect(pick("gold", .urgent, .complaint) == "urgent")  // one dimension each: priority before type
        #expect(pick("gold", .normal, .complaint) == "complaint")
        #expect(pick(nil, .normal, .inquiry) == "any")
        #expect(pick(nil, .normal, .inquiry, among: [vip]) == nil)  // a customer without a tier matches no tier list
        let older = Self.policy("older", tiers: ["VIP"], age: 60)
        #expect(pick("VIP", .low, .request, among: [vip, older]) == "older")
        #expect(pick("VIP", .low, .request, among: [older, vip]) == "older")
    }

    @Test
    func validationNamesEveryBadFieldAndDropsRepeats() throws {
        var draft = SLAPolicyDraft(
            name: "  金卡  ", tiers: ["gold", "gold"], priorities: [.high, .urgent, .high], firstResponseMinutes: 30,
            nextReplyMinutes: 120, resolutionMinutes: 600)
        let valid = try draft.validated(knownTiers: ["VIP", "gold", "standard"])
        #expect(valid.name == "金卡" && valid.tiers == ["gold"] && valid.priorities == [.high, .urgent])
        #expect(valid.types == nil)
        draft = SLAPolicyDraft(
            name: " ", tiers: ["platinum"], types: [], firstResponseMinutes: 0, nextReplyMinutes: -5,
            resolutionMinutes: SLAPolicyDraft.maxMinutes + 1)
        do {
            _ = try draft.validated(knownTiers: ["VIP"])
            Issue.record("a bad draft was accepted")
        } catch {
            #expect(
                error.errors.map(\.field) == [
                    "name", "types", "tiers", "first_response_minutes", "next_reply_minutes", "resolution_minutes",
                ])
        }
    }

    @Test
    func jsonCarriesEveryKeyWithNullForAny() throws {
        let policy = Self.policy("默认")
        let json = String(decoding: try JSONEncoder().encode(policy), as: UTF8.self)
        for key in [
            #""tiers":null"#, #""priorities":null"#, #""types":null"#, #""next_reply_minutes":null"#,
            #""first_response_minutes":60"#, #""raise_priority_on_breach":false"#,
        ] {
            #expect(json.contains(key), "\(key)")
        }
    }
}
