import Foundation

/// Person or organisation: organisations carry key contacts (关键人).
public enum CustomerKind: String, Codable, Sendable, CaseIterable {
    case person
    case organization
}

/// Lifecycle stage (DOMAIN §1, seed 002 §2.1): new → returning → loyal; at-risk; lost.
public enum LifecycleStage: String, Codable, Sendable, CaseIterable {
    case new
    case returning
    case loyal
    case atRisk = "at_risk"
    case lost

    /// Accepts the hyphenated spelling used in prose (`at-risk`) as well as the canonical `at_risk`.
    public init?(parsing text: String) {
        let canonical = text.trimmingWhitespace().lowercased().split(separator: "-", omittingEmptySubsequences: false)
            .joined(separator: "_")
        self.init(rawValue: canonical)
    }
}

/// The four social styles of seed 002 §2.2, used to adapt how staff talk to a customer.
public enum PersonalityStyle: String, Codable, Sendable, CaseIterable {
    case peacock  // 孔雀, expressive
    case koala  // 考拉, amiable
    case tiger  // 老虎, driver
    case owl  // 猫头鹰, analytical
}

/// Self-described gender; `unspecified` is the default so nothing is guessed.
public enum Gender: String, Codable, Sendable, CaseIterable {
    case female
    case male
    case other
    case unspecified
}

/// Which channels a customer agreed to be contacted on; nothing is assumed.
public struct Consent: Codable, Sendable, Equatable {
    public var phone: Bool
    public var sms: Bool
    public var email: Bool
    public var wechat: Bool

    public init(phone: Bool = false, sms: Bool = false, email: Bool = false, wechat: Bool = false) {
        self.phone = phone
        self.sms = sms
        self.email = email
        self.wechat = wechat
    }
}
