/// The weight of each event kind. A business (or an analyst's `--weights` file) overrides some kinds;
/// the others keep their defaults.
public struct HealthWeights: Sendable, Hashable {
    /// The kinds given a weight of their own; the rest weigh `HealthEventKind.defaultWeight`.
    private var overrides: [HealthEventKind: Double] = [:]

    /// The weights (`compliment` +3 … `promise_missed` −5).
    public static let defaults = HealthWeights()

    public subscript(kind: HealthEventKind) -> Double { overrides[kind] ?? kind.defaultWeight }

    /// These weights with the named kinds replaced. A name that is not a kind, or a weight that is not
    /// a finite number, is refused rather than ignored, so a typo cannot silently leave a default.
    public func replacing(_ overrides: [String: Double]) throws(HealthWeightsError) -> HealthWeights {
        var result = self
        for name in overrides.keys.sorted(by: String.precedesBytewise) {
            guard let kind = HealthEventKind(rawValue: name) else { throw .unknownKind(name) }
            let weight = overrides[name]!
            guard weight.isFinite else { throw .notFinite(kind: name) }
            result.overrides[kind] = weight
        }
        return result
    }
}

/// Why a set of weight overrides was refused.
public enum HealthWeightsError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownKind(String)
    case notFinite(kind: String)

    public var description: String {
        switch self {
        case .unknownKind(let name):
            return "unknown event kind \"\(name)\" (kinds: "
                + HealthEventKind.allCases.map(\.rawValue).joined(separator: ", ") + ")"
        case .notFinite(let name): return "the weight of \"\(name)\" is not a finite number"
        }
    }
}
