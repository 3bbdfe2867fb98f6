public import Foundation

/// One movement of a member's points, appended and never changed: the ledger is their sum. Each names its
/// `source` (the purchase, refund, redemption, adjustment or lot that expired), which the store keeps unique,
/// so the same source never moves points twice.
public struct PointsMovement: Sendable, Equatable, Identifiable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Points a purchase earned: a lot that later redemptions and its expiry draw on.
        case earn
        /// Points spent on a discount or a gift.
        case redeem
        /// What was left of a lot at the end of its last day.
        case expire
        /// A manager's correction, with a reason: positive adds a lot, negative draws on the lots.
        case adjust
        /// A refund taking back the points its purchase earned.
        case reverse
    }

    public var id: UUID
    public var memberID: UUID
    public var kind: Kind
    /// Positive for earn and a positive adjustment, negative otherwise.
    public var points: Int
    /// `purchase:<id>`, `refund:<id>`, `redemption:<key>`, `adjustment:<id>` or `expiry:<lot id>`.
    public var source: String
    public var reason: String?
    /// For a redemption: the id of the reward (`loyalty.rewards`) it bought, if any.
    public var reward: String?
    public var purchaseID: UUID?
    /// For a movement that adds points (a lot): the last local day its points can be used.
    public var expiresOn: CalendarDay?
    /// For one that draws on lots: how many points it took from each.
    public var draws: [PointsDraw]
    public var createdBy: UUID?
    public var createdAt: Date

    public init(
        id: UUID, memberID: UUID, kind: Kind, points: Int, source: String, reason: String? = nil,
        reward: String? = nil, purchaseID: UUID? = nil, expiresOn: CalendarDay? = nil, draws: [PointsDraw] = [],
        createdBy: UUID? = nil,
        createdAt: Date
    ) {
        self.id = id
        self.memberID = memberID
        self.kind = kind
        self.points = points
        self.source = source
        self.reason = reason
        self.reward = reward
        self.purchaseID = purchaseID
        self.expiresOn = expiresOn
        self.draws = draws
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}

/// Points a movement took from one lot (the earn or positive adjustment that added them).
public struct PointsDraw: Sendable, Equatable {
    public var lotID: UUID
    public var points: Int

    public init(lotID: UUID, points: Int) {
        self.lotID = lotID
        self.points = points
    }
}
