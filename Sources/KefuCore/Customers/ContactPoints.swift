import Foundation

/// Phones and emails as typed → normalised, deduplicated lists plus one error per bad entry.
/// Shared by customers, key contacts and import rows so every path accepts the same input.
public enum ContactPoints {
    public static func normalize(phones: [String], emails: [String], phoneRegion: String)
        -> (phones: [String], emails: [String], errors: [FieldError])
    {
        let phones = normalize(phones: phones, region: phoneRegion, field: "phones")
        let emails = normalize(emails: emails, field: "emails")
        return (phones.values, emails.values, phones.errors + emails.errors)
    }

    /// Phones in E.164; errors name `field[index]`.
    public static func normalize(phones: [String], region: String, field: String)
        -> (values: [String], errors: [FieldError])
    {
        normalize(phones, field: field, code: "invalid_phone", noun: "phone number") {
            PhoneNumber.normalize($0, defaultRegion: region)
        }
    }

    /// Emails lower-cased; errors name `field[index]`.
    public static func normalize(emails: [String], field: String) -> (values: [String], errors: [FieldError]) {
        normalize(emails, field: field, code: "invalid_email", noun: "email address", EmailAddress.normalize)
    }

    private static func normalize(
        _ raws: [String], field: String, code: String, noun: String, _ normal: (String) -> String?
    ) -> (values: [String], errors: [FieldError]) {
        var values: [String] = []
        var errors: [FieldError] = []
        for (index, raw) in raws.enumerated() where !raw.trimmingWhitespace().isEmpty {
            if let value = normal(raw) {
                if !values.contains(value) { values.append(value) }
            } else {
                errors.append(
                    FieldError(field: "\(field)[\(index)]", code: code, message: "\"\(raw)\" is not a valid \(noun)."))
            }
        }
        return (values, errors)
    }
}
