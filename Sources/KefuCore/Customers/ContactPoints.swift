import Foundation

/// Phones and emails as typed → normalised, deduplicated lists plus one error per bad entry.
/// Shared by customers, key contacts and import rows so every path accepts the same input.
public enum ContactPoints {
    public static func normalize(phones: [String], emails: [String], phoneRegion: String)
        -> (phones: [String], emails: [String], errors: [FieldError])
    {
        var outPhones: [String] = []
        var outEmails: [String] = []
        var errors: [FieldError] = []
        for (index, raw) in phones.enumerated() where !raw.trimmingWhitespace().isEmpty {
            if let phone = PhoneNumber.normalize(raw, defaultRegion: phoneRegion) {
                if !outPhones.contains(phone) { outPhones.append(phone) }
            } else {
                errors.append(
                    FieldError(
                        field: "phones[\(index)]", code: "invalid_phone",
                        message: "\"\(raw)\" is not a valid phone number."))
            }
        }
        for (index, raw) in emails.enumerated() where !raw.trimmingWhitespace().isEmpty {
            if let email = EmailAddress.normalize(raw) {
                if !outEmails.contains(email) { outEmails.append(email) }
            } else {
                errors.append(
                    FieldError(
                        field: "emails[\(index)]", code: "invalid_email",
                        message: "\"\(raw)\" is not a valid email address."))
            }
        }
        return (outPhones, outEmails, errors)
    }
}
