public import Foundation

/// Business-wide settings: identity, defaults for time and money, and the customer rules.
public struct BusinessSettings: Codable, Sendable, Equatable {
    public var businessName: String
    public var timeZone: String
    public var currency: String
    public var phoneRegion: String
    public var tiers: [String]
    public var customFields: [CustomFieldDefinition]
    public var serviceDesk: ServiceDeskSettings
    public var purchases: PurchaseSettings
    public var followUps: FollowUpSettings
    public var health: HealthSettings
    public var surveys: SurveySettings
    public var loyalty: LoyaltySettings

    public init(
        businessName: String = "Kefu", timeZone: String = "Asia/Shanghai", currency: String = "CNY",
        phoneRegion: String = "CN", tiers: [String] = CustomerRules.defaultTiers,
        customFields: [CustomFieldDefinition] = [], serviceDesk: ServiceDeskSettings = ServiceDeskSettings(),
        purchases: PurchaseSettings = PurchaseSettings(), followUps: FollowUpSettings = FollowUpSettings(),
        health: HealthSettings = HealthSettings(), surveys: SurveySettings = SurveySettings(),
        loyalty: LoyaltySettings = LoyaltySettings()
    ) {
        self.businessName = businessName
        self.timeZone = timeZone
        self.currency = currency
        self.phoneRegion = phoneRegion
        self.tiers = tiers
        self.customFields = customFields
        self.serviceDesk = serviceDesk
        self.purchases = purchases
        self.followUps = followUps
        self.health = health
        self.surveys = surveys
        self.loyalty = loyalty
    }

    enum CodingKeys: String, CodingKey {
        case businessName = "business_name"
        case timeZone = "time_zone"
        case currency
        case phoneRegion = "phone_region"
        case tiers
        case customFields = "custom_fields"
        case serviceDesk = "service_desk"
        case purchases
        case followUps = "follow_ups"
        case health
        case surveys
        case loyalty
    }

    /// The business time zone (validated on save; GMT for a stored name this system no longer knows).
    public var zone: TimeZone { TimeZone(identifier: timeZone) ?? .gmt }

    public var customerRules: CustomerRules {
        CustomerRules(tiers: tiers, phoneRegion: phoneRegion, customFields: customFields)
    }

    /// Every problem with these settings, or nothing.
    public func validationErrors() -> [FieldError] {
        var errors: [FieldError] = []
        if businessName.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(
                FieldError(field: "business_name", code: "required", message: "The business name is required."))
        }
        if TimeZone(identifier: timeZone) == nil {
            errors.append(
                FieldError(
                    field: "time_zone", code: "invalid_time_zone", message: "\"\(timeZone)\" is not a known time zone.")
            )
        }
        if !CurrencyCode.isValid(currency) {
            errors.append(
                FieldError(
                    field: "currency", code: "invalid_currency",
                    message: "Currency must be a three-letter ISO code such as CNY."))
        }
        if !PhoneNumber.supportedRegions.contains(phoneRegion) {
            errors.append(
                FieldError(
                    field: "phone_region", code: "invalid_region",
                    message: "Phone region must be one of \(PhoneNumber.supportedRegions.joined(separator: ", "))."))
        }
        let cleanTiers = tiers.map { $0.trimmingCharacters(in: .whitespaces) }
        if cleanTiers.isEmpty || cleanTiers.contains(where: \.isEmpty)
            || Set(cleanTiers.map { $0.lowercased() }).count != cleanTiers.count
        {
            errors.append(
                FieldError(
                    field: "tiers", code: "invalid_tiers", message: "Tiers must be a non-empty list of distinct names.")
            )
        }
        let keys = customFields.map(\.key)
        if Set(keys).count != keys.count
            || keys.contains(where: {
                $0.isEmpty || !$0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            })
        {
            errors.append(
                FieldError(
                    field: "custom_fields", code: "invalid_keys",
                    message: "Custom field keys must be distinct and use only letters, digits and _."))
        }
        if customFields.contains(where: { $0.type == .choice && $0.choices.isEmpty }) {
            errors.append(
                FieldError(
                    field: "custom_fields", code: "missing_choices", message: "A choice field needs its choices."))
        }
        return errors + serviceDesk.validationErrors() + purchases.validationErrors()
            + followUps.validationErrors()
            + health.validationErrors() + surveys.validationErrors() + loyalty.validationErrors(customerTiers: tiers)
    }
}
