import Foundation
import KefuCore
import Testing

@Suite("FollowUpPlanDraft validation")
struct FollowUpPlanDraftTests {
    static let context = FollowUpPlanDraft.Context(tiers: ["普通", "VIP"], dateFields: ["contract_renewal"])

    static func fields(_ draft: FollowUpPlanDraft) -> [String] {
        do {
            _ = try draft.validated(in: context)
            return []
        } catch {
            return error.errors.map(\.field)
        }
    }

    @Test func aValidPlanIsTrimmedAndActiveByDefault() throws {
        let draft = try FollowUpPlanDraft(
            name: " 购后回访 ", trigger: FollowUpTrigger(kind: .purchase, minTotal: 0, skuPrefix: " LAT "),
            steps: [
                FollowUpStep(offsetDays: 1, channel: .phone, script: FollowUpScript(zh: " 问候 ", en: "Hello")),
                FollowUpStep(offsetDays: 7, channel: .message),
            ]
        ).validated(in: Self.context)
        #expect(draft.name == "购后回访" && draft.active == true && draft.trigger?.skuPrefix == "LAT")
        #expect(draft.steps?.first?.script.zh == "问候")
        let periodic = try FollowUpPlanDraft(
            name: "VIP", trigger: FollowUpTrigger(kind: .periodic, tier: "vip", everyDays: 30),
            steps: [FollowUpStep(offsetDays: 0, channel: .visit)], active: false
        ).validated(in: Self.context)
        #expect(periodic.trigger?.tier == "VIP" && periodic.active == false)
    }

    @Test func everyProblemIsNamed() {
        #expect(
            Self.fields(FollowUpPlanDraft(name: " ", trigger: nil, steps: [])) == ["name", "trigger", "steps"])
        #expect(
            Self.fields(
                FollowUpPlanDraft(
                    name: "x", trigger: FollowUpTrigger(kind: .periodic, tier: "gold", field: "birthday"),
                    steps: [FollowUpStep(offsetDays: -1, channel: .phone)]))
                == ["trigger.field", "trigger.tier", "trigger.every_days", "steps[0].offset_days"])
        #expect(
            Self.fields(
                FollowUpPlanDraft(
                    name: "x", trigger: FollowUpTrigger(kind: .anniversary, field: "wedding", daysBefore: 400),
                    steps: [FollowUpStep(offsetDays: 0, channel: .phone)]))
                == ["trigger.field", "trigger.days_before"])
        #expect(
            Self.fields(
                FollowUpPlanDraft(
                    name: "x", trigger: FollowUpTrigger(kind: .anniversary, field: "contract_renewal", daysBefore: 3),
                    steps: [FollowUpStep(offsetDays: 0, channel: .phone)])) == [])
        #expect(
            Self.fields(
                FollowUpPlanDraft(
                    name: "x", trigger: FollowUpTrigger(kind: .ticketResolved, minTotal: 5),
                    steps: [FollowUpStep(offsetDays: 0, channel: .phone)])) == ["trigger.min_total"])
    }

    @Test func theTriggerCodesAsJSON() throws {
        let json = #"{"kind": "purchase", "min_total": 5000, "sku_prefix": "LAT"}"#
        let trigger = try JSONDecoder().decode(FollowUpTrigger.self, from: Data(json.utf8))
        #expect(trigger == FollowUpTrigger(kind: .purchase, minTotal: 5_000, skuPrefix: "LAT"))
        let text = String(decoding: try JSONEncoder().encode(FollowUpTrigger(kind: .atRisk)), as: UTF8.self)
        #expect(text == #"{"kind":"at_risk"}"#)
    }
}
