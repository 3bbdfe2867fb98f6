public import Foundation

/// A branch's queue settings (issue 14 §1): its calling policy, the order of the priority classes, which customer
/// tiers queue in which class, how many recalls come before a no-show, the line the board shows, and the hash of
/// the device key its kiosk and board present. A branch nobody configured queues by `priority` with the default
/// class order and VIP → `vip`.
public struct QueueBranchSetup: Sendable, Equatable {
    public var policy: QueuePolicy
    public var classOrder: QueueClassOrder
    public var tierClasses: [String: QueueClass]
    public var noShowAfterRecalls: Int
    public var boardMessage: String?
    public var deviceKeyHash: String?
    public var updatedAt: Date?

    public init(
        policy: QueuePolicy = .priority, classOrder: QueueClassOrder = .default,
        tierClasses: [String: QueueClass] = ["VIP": .vip], noShowAfterRecalls: Int = 2, boardMessage: String? = nil,
        deviceKeyHash: String? = nil, updatedAt: Date? = nil
    ) {
        self.policy = policy
        self.classOrder = classOrder
        self.tierClasses = tierClasses
        self.noShowAfterRecalls = noShowAfterRecalls
        self.boardMessage = boardMessage
        self.deviceKeyHash = deviceKeyHash
        self.updatedAt = updatedAt
    }

    /// The class a customer of `tier` queues in: the branch's mapping first, then the member tier's benefit
    /// (`queue_class` of the loyalty tier), else `normal`.
    public func queueClass(customerTier: String?, memberClass: QueueClass?) -> QueueClass {
        customerTier.flatMap { tierClasses[$0] } ?? memberClass ?? .normal
    }

    /// Checks the recalls before a no-show.
    public static func recallErrors(_ noShowAfterRecalls: Int) -> [FieldError] {
        guard !(0...10).contains(noShowAfterRecalls) else { return [] }
        return [FieldError(field: "no_show_after_recalls", code: "out_of_range", message: "Give 0 to 10 recalls.")]
    }
}
