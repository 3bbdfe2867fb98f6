/// The six steps of the complaint protocol (seed 002 §4.2), in the order they are meant to happen:
/// listen → apologise → find the root cause → agree a solution → execute at once → follow up.
public enum ComplaintStep: String, Codable, Sendable, CaseIterable, Comparable, CodingKeyRepresentable {
    case listen
    case apologise
    case rootCause = "root_cause"
    case solution
    case execution
    case followUp = "follow_up"

    /// The steps a complaint needs before it may be resolved or closed: fixing a complaint without knowing why
    /// it happened, or without an agreed solution, only hides it.
    public static let requiredToResolve: [ComplaintStep] = [.rootCause, .solution]

    public static func < (lhs: ComplaintStep, rhs: ComplaintStep) -> Bool { lhs.position < rhs.position }

    private var position: Int { Self.allCases.firstIndex(of: self)! }
}
