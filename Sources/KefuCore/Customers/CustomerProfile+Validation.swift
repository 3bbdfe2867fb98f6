import Foundation

extension CustomerProfile {
    /// Returns the profile with names trimmed, phones in E.164, emails lower-cased, tags deduplicated
    /// and the tier defaulted — or throws every problem found, each naming its field.
    public func validated(under rules: CustomerRules) throws(ValidationFailure) -> CustomerProfile {
        var out = self
        var errors: [FieldError] = []
        out.name = name.trimmingWhitespace()
        if out.name.isEmpty {
            errors.append(FieldError(field: "name", code: "required", message: "Name is required."))
        } else if out.name.count > CustomerRules.maxNameLength {
            errors.append(
                FieldError(
                    field: "name", code: "too_long",
                    message: "Name is longer than \(CustomerRules.maxNameLength) characters."))
        }
        let contact = ContactPoints.normalize(phones: phones, emails: emails, phoneRegion: rules.phoneRegion)
        (out.phones, out.emails) = (contact.phones, contact.emails)
        errors += contact.errors
        let tier = tier?.trimmingWhitespace()
        if let tier, !tier.isEmpty {
            if let match = rules.tiers.first(where: { $0.lowercased() == tier.lowercased() }) {
                out.tier = match
            } else {
                errors.append(
                    FieldError(
                        field: "tier", code: "unknown_tier",
                        message: "Tier \"\(tier)\" is not one of \(rules.tiers.joined(separator: ", "))."))
            }
        } else {
            out.tier = rules.defaultTier
        }
        if let birthday = birthday?.trimmingWhitespace(), !birthday.isEmpty {
            out.birthday = birthday
            if !CustomerRules.isRecordDate(birthday) {
                errors.append(
                    FieldError(
                        field: "birthday", code: "invalid_date",
                        message: "Birthday must be a date written YYYY-MM-DD."))
            }
        } else {
            out.birthday = nil
        }
        out.tags = Self.cleanTags(tags)
        if out.tags.count > CustomerRules.maxTags {
            errors.append(
                FieldError(field: "tags", code: "too_many", message: "At most \(CustomerRules.maxTags) tags."))
        }
        if out.tags.contains(where: { $0.count > CustomerRules.maxTagLength }) {
            errors.append(
                FieldError(
                    field: "tags", code: "too_long",
                    message: "A tag is longer than \(CustomerRules.maxTagLength) characters."))
        }
        if out.tags.contains(where: { $0.contains(";") }) {
            errors.append(
                FieldError(
                    field: "tags", code: "invalid_tag",
                    message: "A tag may not contain \";\", which separates tags in CSV files."))
        }
        out.address = Self.clean(address)
        out.sourceChannel = Self.clean(sourceChannel)
        out.department = Self.clean(department)
        out.organization = Self.clean(organization)
        out.remarks = Self.clean(remarks)
        for (field, value) in [
            ("address", out.address), ("source_channel", out.sourceChannel),
            ("department", out.department), ("organization", out.organization),
            ("remarks", out.remarks),
        ] where (value?.count ?? 0) > CustomerRules.maxTextLength {
            errors.append(
                FieldError(
                    field: field, code: "too_long",
                    message: "Longer than \(CustomerRules.maxTextLength) characters."))
        }
        out.customFields = Self.cleanCustomFields(customFields)
        errors += out.validateCustomFields(rules.customFields)
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return out
    }

    /// Tags are trimmed, empty ones dropped and duplicates (ignoring case) removed, keeping the first spelling.
    public static func cleanTags(_ tags: [String]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for tag in tags {
            let trimmed = tag.trimmingWhitespace()
            if !trimmed.isEmpty, seen.insert(trimmed.lowercased()).inserted { result.append(trimmed) }
        }
        return result
    }

    private static func clean(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingWhitespace(), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// Text values are trimmed, and an empty one means "no value", as for the other text fields
    /// (so a CSV export, which writes both as an empty cell, imports back to the same profile).
    private static func cleanCustomFields(_ fields: [String: CustomFieldValue]) -> [String: CustomFieldValue] {
        fields.compactMapValues { value in
            guard case .string(let text) = value else { return value }
            return clean(text).map(CustomFieldValue.string)
        }
    }

    private func validateCustomFields(_ definitions: [CustomFieldDefinition]) -> [FieldError] {
        var errors: [FieldError] = []
        for (key, value) in customFields.sorted(by: { $0.key < $1.key }) {
            let field = "custom_fields.\(key)"
            guard let definition = definitions.first(where: { $0.key == key }) else {
                errors.append(
                    FieldError(field: field, code: "unknown_field", message: "No custom field \"\(key)\" is defined."))
                continue
            }
            switch (definition.type, value) {
            case (.number, .number), (.text, .string):
                break
            case (.date, .string(let text)) where CustomerRules.isRecordDate(text):
                break
            case (.choice, .string(let text)) where definition.choices.contains(text):
                break
            default:
                errors.append(
                    FieldError(
                        field: field, code: "invalid_value",
                        message: "\"\(value.text)\" is not a valid \(definition.type.rawValue) for \(definition.label)."
                    ))
            }
        }
        return errors
    }
}
