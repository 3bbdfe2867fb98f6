/// Service-desk actions reserved to a role above agent.
public enum StaffAction: String, Sendable, Equatable, CaseIterable {
    /// Naming a ticket's owner at creation (`owner_id`).
    case setOwner = "set_owner"
    /// Approving or declining a B or C remedy.
    case decideRemedy = "decide_remedy"

    /// The lowest role that may do it.
    public var requiredRole: Role { .manager }

    /// What the action does, in words for messages.
    public var phrase: String {
        switch self {
        case .setOwner: "name a ticket's owner"
        case .decideRemedy: "approve or decline a remedy"
        }
    }

    /// Throws `forbidden` unless `role` may do this action.
    public func authorize(_ role: Role) throws(ServiceDeskError) {
        guard role.includes(requiredRole) else { throw .forbidden(self) }
    }
}
