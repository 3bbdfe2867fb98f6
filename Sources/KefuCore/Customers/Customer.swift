public import Foundation

/// A customer as stored: the editable profile plus identity and bookkeeping.
public struct Customer: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var profile: CustomerProfile
    /// Set when this record was merged into another; it then only redirects.
    public var mergedInto: UUID?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, profile: CustomerProfile, mergedInto: UUID? = nil, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.profile = profile
        self.mergedInto = mergedInto
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
