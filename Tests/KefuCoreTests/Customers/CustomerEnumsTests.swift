import KefuCore
import Testing

@Suite struct CustomerEnumsTests {
    @Test func lifecycleStageAcceptsHyphenAndCase() {
        #expect(LifecycleStage(parsing: "at-risk") == .atRisk)
        #expect(LifecycleStage(parsing: " AT_RISK ") == .atRisk)
        #expect(LifecycleStage(parsing: "Loyal") == .loyal)
        #expect(LifecycleStage(parsing: "risky") == nil)
    }

    @Test func consentDefaultsToNothing() {
        #expect(Consent() == Consent(phone: false, sms: false, email: false, wechat: false))
    }
}
