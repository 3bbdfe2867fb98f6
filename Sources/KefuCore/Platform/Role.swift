/// Staff roles, each including the one below: an admin can do what a manager can, a manager
/// what an agent can.
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    case agent
    case manager
    case admin

    private var rank: Int {
        switch self {
        case .agent: 0
        case .manager: 1
        case .admin: 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    /// True when this role may do what `required` may.
    public func includes(_ required: Role) -> Bool { self >= required }
}
