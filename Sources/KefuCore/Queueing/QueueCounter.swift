public import Foundation

/// A counter (窗口) of a branch: the services it serves, in the order the admin lists them, whether it is open, and
/// the agent at it. Call-next looks at the waiting tickets of all its services together.
public struct QueueCounter: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var branchID: UUID
    public var name: String
    public var serviceIDs: [UUID]
    public var open: Bool
    public var agentID: UUID?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, branchID: UUID, name: String, serviceIDs: [UUID], open: Bool, agentID: UUID?, createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.branchID = branchID
        self.name = name
        self.serviceIDs = serviceIDs
        self.open = open
        self.agentID = agentID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Checks a counter's name and service list (the services' existence is the store's to check).
    public static func validationErrors(name: String, serviceIDs: [UUID]) -> [FieldError] {
        var errors: [FieldError] = []
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty || name.count > 100 {
            errors.append(FieldError(field: "name", code: "invalid", message: "Give a name of 1–100 characters."))
        }
        if serviceIDs.isEmpty {
            errors.append(
                FieldError(field: "service_ids", code: "required", message: "A counter serves at least one service."))
        }
        if Set(serviceIDs).count != serviceIDs.count {
            errors.append(FieldError(field: "service_ids", code: "duplicate", message: "A service is listed twice."))
        }
        return errors
    }
}
