import KefuCore
import Testing

@Suite struct CustomerRulesTests {
    @Test func defaultsToChineseRegionAndThreeTiers() {
        let rules = CustomerRules()
        #expect(rules.tiers == ["VIP", "gold", "standard"])
        #expect(rules.phoneRegion == "CN")
        #expect(rules.defaultTier == "standard")
    }

    @Test func defaultTierIsTheLastConfigured() {
        #expect(CustomerRules(tiers: ["A", "B"]).defaultTier == "B")
        #expect(CustomerRules(tiers: []).defaultTier == "standard")
    }
}
