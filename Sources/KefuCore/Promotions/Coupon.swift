public import Foundation

/// A coupon code and how often it may be used (issue 15 §3): in all (`maxUses`; 1 makes a single-use code) and by
/// one customer (`perCustomer`), until `expiresAt`. A promotion's `coupon` condition names the code; the server
/// honours a code in a basket only while the coupon allows one more use, which is state the offline quote has
/// not got.
public struct Coupon: Sendable, Equatable {
    public var id: UUID
    public var code: String
    public var description: String?
    public var maxUses: Int?
    public var perCustomer: Int?
    public var expiresAt: Date?
    public var active: Bool
    /// Uses recorded so far.
    public var uses: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, code: String, description: String? = nil, maxUses: Int? = nil, perCustomer: Int? = nil,
        expiresAt: Date? = nil, active: Bool = true, uses: Int = 0, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.code = code
        self.description = description
        self.maxUses = maxUses
        self.perCustomer = perCustomer
        self.expiresAt = expiresAt
        self.active = active
        self.uses = uses
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Why a code cannot be used now.
    public enum Refusal: String, Sendable, CaseIterable {
        /// No coupon has the code.
        case unknown
        case inactive
        case expired
        /// It was used `maxUses` times.
        case usedUp = "used_up"
        /// This customer used it `perCustomer` times.
        case customerLimit = "customer_limit"
        /// It has a limit per customer, and no customer was named.
        case needsCustomer = "needs_customer"
    }

    /// Why the coupon cannot be used once more at `now` by a customer who used it `customerUses` times (nil: no
    /// customer named); nil when it can.
    public func refusal(at now: Date, customerUses: Int?) -> Refusal? {
        if !active { return .inactive }
        if let expiresAt, now >= expiresAt { return .expired }
        if let maxUses, uses >= maxUses { return .usedUp }
        if let perCustomer {
            guard let customerUses else { return .needsCustomer }
            if customerUses >= perCustomer { return .customerLimit }
        }
        return nil
    }

    public static let maxCodeLength = 64

    /// Every problem with a coupon's fields: a code of 1–64 letters, digits, `-` or `_`, limits of at least 1.
    public static func validationErrors(code: String, maxUses: Int?, perCustomer: Int?) -> [FieldError] {
        var errors: [FieldError] = []
        if code.isEmpty || code.count > maxCodeLength
            || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        {
            errors.append(
                FieldError(
                    field: "code", code: "invalid_code",
                    message: "A code is 1–\(maxCodeLength) letters, digits, - or _."))
        }
        for (field, value) in [("max_uses", maxUses), ("per_customer", perCustomer)] {
            if let value, value < 1 {
                errors.append(FieldError(field: field, code: "out_of_range", message: "\(field) is at least 1."))
            }
        }
        return errors
    }
}
