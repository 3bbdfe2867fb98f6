public import Foundation

/// What `POST /api/v1/follow-up-plans` gives, and a PATCH merged onto a stored plan's draft. Members are
/// optional so that a missing one is reported with the other field errors.
public struct FollowUpPlanDraft: Codable, Sendable, Equatable {
    public var name: String?
    public var trigger: FollowUpTrigger?
    public var steps: [FollowUpStep]?
    public var teamID: UUID?
    /// Defaults to true.
    public var active: Bool?

    public init(
        name: String?, trigger: FollowUpTrigger?, steps: [FollowUpStep]?, teamID: UUID? = nil, active: Bool? = nil
    ) {
        self.name = name
        self.trigger = trigger
        self.steps = steps
        self.teamID = teamID
        self.active = active
    }

    enum CodingKeys: String, CodingKey {
        case name, trigger, steps
        case teamID = "team_id"
        case active
    }

    /// What a plan may refer to: the business's tiers and its date custom fields.
    public struct Context: Sendable {
        public var tiers: [String]
        public var dateFields: [String]

        public init(tiers: [String], dateFields: [String]) {
            self.tiers = tiers
            self.dateFields = dateFields
        }

        public init(_ settings: BusinessSettings) {
            tiers = settings.tiers
            dateFields = settings.customFields.filter { $0.type == .date }.map(\.key)
        }
    }

    public static let maxNameLength = 200
    public static let maxSteps = 20
    public static let maxOffsetDays = 3_650
    public static let maxScriptLength = 5_000
    public static let maxSKUPrefixLength = 64

    /// The draft with texts trimmed and `active` defaulted, or every problem, each naming its JSON field
    /// (`trigger.every_days`, `steps[1].offset_days`).
    public func validated(in context: Context) throws(ValidationFailure) -> FollowUpPlanDraft {
        var out = self
        var errors: [FieldError] = []
        func fail(_ field: String, _ code: String, _ message: String) {
            errors.append(FieldError(field: field, code: code, message: message))
        }
        let name = (name ?? "").trimmingWhitespace()
        out.name = name
        if name.isEmpty {
            fail("name", "required", "Name is required.")
        } else if name.count > Self.maxNameLength {
            fail("name", "too_long", "Name is longer than \(Self.maxNameLength) characters.")
        }
        if let trigger {
            out.trigger = Self.validated(trigger, in: context, fail: fail)
        } else {
            fail("trigger", "required", "Trigger is required.")
        }
        let steps = steps ?? []
        if steps.isEmpty {
            fail("steps", "required", "A plan needs at least one step.")
        } else if steps.count > Self.maxSteps {
            fail("steps", "too_many", "A plan has at most \(Self.maxSteps) steps.")
        }
        out.steps = steps.enumerated().map { index, step in
            var step = step
            if !(0...Self.maxOffsetDays).contains(step.offsetDays) {
                fail(
                    "steps[\(index)].offset_days", "out_of_range",
                    "Offset days must be between 0 and \(Self.maxOffsetDays).")
            }
            step.script.zh = step.script.zh.trimmingWhitespace()
            step.script.en = step.script.en.trimmingWhitespace()
            if step.script.zh.count > Self.maxScriptLength || step.script.en.count > Self.maxScriptLength {
                fail(
                    "steps[\(index)].script", "too_long", "A script is longer than \(Self.maxScriptLength) characters.")
            }
            return step
        }
        out.active = active ?? true
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return out
    }

    /// The trigger with its members checked against its kind: those it takes in range, the others absent.
    private static func validated(
        _ trigger: FollowUpTrigger, in context: Context, fail: (String, String, String) -> Void
    ) -> FollowUpTrigger {
        var out = trigger
        let takes: Set<FollowUpTrigger.CodingKeys> =
            switch trigger.kind {
            case .purchase: [.minTotal, .skuPrefix]
            case .periodic: [.tier, .everyDays]
            case .anniversary: [.field, .daysBefore]
            case .ticketResolved, .complaintResolved, .customerCreated, .atRisk: []
            }
        let given: [(FollowUpTrigger.CodingKeys, Bool)] = [
            (.minTotal, trigger.minTotal != nil), (.skuPrefix, trigger.skuPrefix != nil), (.tier, trigger.tier != nil),
            (.everyDays, trigger.everyDays != nil), (.field, trigger.field != nil),
            (.daysBefore, trigger.daysBefore != nil),
        ]
        for (key, present) in given where present && !takes.contains(key) {
            fail(
                "trigger." + key.rawValue, "not_allowed",
                "A \(trigger.kind.rawValue) trigger takes no \(key.rawValue).")
        }
        switch trigger.kind {
        case .purchase:
            if let minTotal = trigger.minTotal, !(0...PurchaseDraft.maxAmount).contains(minTotal) {
                fail("trigger.min_total", "out_of_range", "Min total must be between 0 and \(PurchaseDraft.maxAmount).")
            }
            out.skuPrefix = trigger.skuPrefix.map { $0.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
            if let prefix = out.skuPrefix, prefix.count > maxSKUPrefixLength {
                fail("trigger.sku_prefix", "too_long", "SKU prefix is longer than \(maxSKUPrefixLength) characters.")
            }
        case .periodic:
            let tier = trigger.tier?.trimmingWhitespace() ?? ""
            if tier.isEmpty {
                fail("trigger.tier", "required", "Tier is required.")
            } else if let known = context.tiers.first(where: { $0.lowercased() == tier.lowercased() }) {
                out.tier = known
            } else {
                fail("trigger.tier", "unknown_tier", "\"\(tier)\" is not one of the tiers.")
            }
            if let every = trigger.everyDays {
                if !(1...maxOffsetDays).contains(every) {
                    fail("trigger.every_days", "out_of_range", "Every days must be between 1 and \(maxOffsetDays).")
                }
            } else {
                fail("trigger.every_days", "required", "Every days is required.")
            }
        case .anniversary:
            let field = trigger.field?.trimmingWhitespace() ?? ""
            out.field = field
            if field.isEmpty {
                fail("trigger.field", "required", "Field is required.")
            } else if field != FollowUpTrigger.birthdayField && !context.dateFields.contains(field) {
                fail("trigger.field", "unknown_field", "Field must be birthday or the key of a date custom field.")
            }
            if let before = trigger.daysBefore {
                if !(0...365).contains(before) {
                    fail("trigger.days_before", "out_of_range", "Days before must be between 0 and 365.")
                }
            } else {
                fail("trigger.days_before", "required", "Days before is required.")
            }
        case .ticketResolved, .complaintResolved, .customerCreated, .atRisk:
            break
        }
        return out
    }
}
