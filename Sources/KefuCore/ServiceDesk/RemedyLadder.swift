/// A complaint category's prepared remedies, A to C (seed 002 §4.3.1): each a text and an optional
/// compensation in minor units of the business currency.
public struct RemedyLadder: Codable, Sendable, Equatable {
    public var plans: [RemedyPlan: Option]

    public struct Option: Codable, Sendable, Equatable {
        public var text: String
        /// Minor units (分), not negative.
        public var compensation: Int?

        public init(text: String, compensation: Int? = nil) {
            self.text = text
            self.compensation = compensation
        }
    }

    public init(plans: [RemedyPlan: Option] = [:]) { self.plans = plans }

    public static let maxTextLength = 2000

    /// Texts trimmed and required, compensations not negative; each error names its plan (`B.text`).
    public func validated() throws(ValidationFailure) -> RemedyLadder {
        var out = RemedyLadder()
        var errors: [FieldError] = []
        for plan in RemedyPlan.allCases {
            guard let option = plans[plan] else { continue }
            let text = option.text.trimmingWhitespace()
            if text.isEmpty || text.count > Self.maxTextLength {
                errors.append(
                    FieldError(
                        field: "\(plan.rawValue).text", code: "invalid",
                        message: "A plan needs a text of 1 to \(Self.maxTextLength) characters."))
            }
            if let compensation = option.compensation, compensation < 0 {
                errors.append(
                    FieldError(
                        field: "\(plan.rawValue).compensation", code: "negative",
                        message: "Compensation cannot be negative."))
            }
            out.plans[plan] = Option(text: text, compensation: option.compensation)
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return out
    }

    /// `{"A": {"text", "compensation"}, …}`, plans absent when not prepared.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        var plans: [RemedyPlan: Option] = [:]
        for plan in RemedyPlan.allCases {
            plans[plan] = try c.decodeIfPresent(Option.self, forKey: AnyCodingKey(plan.rawValue))
        }
        self.plans = plans
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        for plan in RemedyPlan.allCases {
            if let option = plans[plan] { try c.encode(option, forKey: AnyCodingKey(plan.rawValue)) }
        }
    }
}
