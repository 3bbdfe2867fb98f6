public import Foundation

/// How a business weighs its customers' relationships (`health` in the settings JSON): the weight of each
/// event kind, the half-life of an event's effect and the balance below which a customer is at risk, so an
/// admin tunes the emotional bank account without a restart.
public struct HealthSettings: Codable, Sendable, Equatable {
    /// Every kind's weight by its name. Names that are not kinds are kept only so that validation can name
    /// them: a typo is refused rather than silently leaving a default.
    public var weights: [String: Double]
    public var halfLifeDays: Double
    /// A balance below this is at risk.
    public var atRiskThreshold: Double

    public init(
        weights: [String: Double] = [:], halfLifeDays: Double = RelationshipHealth.defaultHalfLifeDays,
        atRiskThreshold: Double = RelationshipHealth.defaultAtRiskThreshold
    ) {
        self.weights = Self.completed(weights)
        self.halfLifeDays = halfLifeDays
        self.atRiskThreshold = atRiskThreshold
    }

    enum CodingKeys: String, CodingKey {
        case weights
        case halfLifeDays = "half_life_days"
        case atRiskThreshold = "at_risk_threshold"
    }

    /// Missing members (and kinds missing from `weights`) take their defaults, so a partial object, or
    /// settings stored before a kind existed, still read.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            weights: try container.decodeIfPresent([String: Double].self, forKey: .weights) ?? [:],
            halfLifeDays: try container.decodeIfPresent(Double.self, forKey: .halfLifeDays)
                ?? RelationshipHealth.defaultHalfLifeDays,
            atRiskThreshold: try container.decodeIfPresent(Double.self, forKey: .atRiskThreshold)
                ?? RelationshipHealth.defaultAtRiskThreshold)
    }

    private static func completed(_ weights: [String: Double]) -> [String: Double] {
        var all = weights
        for kind in HealthEventKind.allCases where all[kind.rawValue] == nil { all[kind.rawValue] = kind.defaultWeight }
        return all
    }

    /// The calculator these settings describe (valid settings assumed: the defaults stand in for anything
    /// validation would refuse).
    public var calculator: RelationshipHealth {
        let known = weights.filter { HealthEventKind(rawValue: $0.key) != nil && $0.value.isFinite }
        return RelationshipHealth(
            weights: (try? HealthWeights.defaults.replacing(known)) ?? .defaults,
            halfLifeDays: RelationshipHealth.isValidHalfLife(halfLifeDays)
                ? halfLifeDays : RelationshipHealth.defaultHalfLifeDays,
            atRiskThreshold: atRiskThreshold.isFinite ? atRiskThreshold : RelationshipHealth.defaultAtRiskThreshold)
    }

    /// Every problem, with fields named as the settings JSON nests them (`health.…`, a weight as
    /// `health.weights.<kind>`).
    public func validationErrors() -> [FieldError] {
        var errors: [FieldError] = []
        for name in weights.keys.sorted(by: String.precedesBytewise) {
            let field = "health.weights." + name
            if HealthEventKind(rawValue: name) == nil {
                errors.append(
                    FieldError(
                        field: field, code: "unknown_kind",
                        message: "\"\(name)\" is not an event kind (kinds: "
                            + HealthEventKind.allCases.map(\.rawValue).joined(separator: ", ") + ")."))
            } else if !weights[name]!.isFinite || abs(weights[name]!) > Self.maximumWeight {
                errors.append(
                    FieldError(
                        field: field, code: "out_of_range",
                        message: "A weight must be a number between -1000 and 1000."))
            }
        }
        if !RelationshipHealth.isValidHalfLife(halfLifeDays) {
            errors.append(
                FieldError(
                    field: "health.half_life_days", code: "out_of_range",
                    message: "The half-life must be a positive number of days."))
        }
        if !atRiskThreshold.isFinite || abs(atRiskThreshold) > Self.maximumWeight * 1_000 {
            errors.append(
                FieldError(
                    field: "health.at_risk_threshold", code: "out_of_range",
                    message: "The at-risk threshold must be a number between -1000000 and 1000000."))
        }
        return errors
    }

    /// Weights stay within ±1000, so no single kind swamps every other by orders of magnitude by a typo.
    static let maximumWeight = 1_000.0
}
