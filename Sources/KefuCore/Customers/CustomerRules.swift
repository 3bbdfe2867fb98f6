/// The business settings that customer validation depends on.
public struct CustomerRules: Sendable, Equatable {
    /// Configured tiers, best first; the last one is the default for new customers.
    public var tiers: [String]
    /// ISO region whose numbers may be typed without a country code.
    public var phoneRegion: String
    public var customFields: [CustomFieldDefinition]

    public static let defaultTiers = ["VIP", "gold", "standard"]

    public init(
        tiers: [String] = CustomerRules.defaultTiers, phoneRegion: String = "CN",
        customFields: [CustomFieldDefinition] = []
    ) {
        self.tiers = tiers
        self.phoneRegion = phoneRegion
        self.customFields = customFields
    }

    /// The tier a customer gets when none is given.
    public var defaultTier: String { tiers.last ?? "standard" }

    /// True when `text` is a date a customer record may hold (a birthday, a date field):
    /// a real Gregorian date written `YYYY-MM-DD`, from 1850 on.
    public static func isRecordDate(_ text: String) -> Bool {
        guard let day = CalendarDay(dateOnly: text) else { return false }
        return day.year >= 1850
    }

    /// Field length limits, generous for real data but bounded so one row cannot bloat the database.
    public static let maxNameLength = 200
    public static let maxTextLength = 2000
    public static let maxTags = 50
    public static let maxTagLength = 50

    /// The problems of cleaned tags (`CustomerProfile.cleanTags`) under the limits above: customers and
    /// tickets share them, so a tag valid on one is valid on the other.
    static func tagErrors(_ tags: [String], field: String) -> [FieldError] {
        var errors: [FieldError] = []
        if tags.count > maxTags {
            errors.append(FieldError(field: field, code: "too_many", message: "At most \(maxTags) tags."))
        }
        if tags.contains(where: { $0.count > maxTagLength }) {
            errors.append(
                FieldError(
                    field: field, code: "too_long",
                    message: "A tag is longer than \(maxTagLength) characters."))
        }
        if tags.contains(where: { $0.contains(";") }) {
            errors.append(
                FieldError(
                    field: field, code: "invalid_tag",
                    message: "A tag may not contain \";\", which separates tags in CSV files."))
        }
        return errors
    }
}
