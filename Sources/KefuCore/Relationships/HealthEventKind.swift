/// What happened to a relationship, in the words the health balance weighs (002 §3.3.1): service,
/// purchases, follow-ups and, later, surveys all report one of these kinds.
public enum HealthEventKind: String, CaseIterable, Sendable, Hashable, Codable {
    case compliment
    case csatHigh = "csat_high"
    case promoter
    case followUpSatisfied = "follow_up_satisfied"
    case resolvedWithinSLA = "resolved_within_sla"
    case purchase
    case complaint
    case detractor
    case slaBreach = "sla_breach"
    case csatLow = "csat_low"
    case followUpUnreachable = "follow_up_unreachable"
    case promiseMissed = "promise_missed"

    /// The weight a business starts with: deposits for good service, larger withdrawals for broken
    /// promises, as the issue sets them.
    public var defaultWeight: Double {
        switch self {
        case .compliment, .csatHigh, .promoter: return 3
        case .followUpSatisfied: return 2
        case .resolvedWithinSLA, .purchase: return 1
        case .complaint, .detractor: return -3
        case .slaBreach: return -2
        case .csatLow: return -4
        case .followUpUnreachable: return -1
        case .promiseMissed: return -5
        }
    }
}
