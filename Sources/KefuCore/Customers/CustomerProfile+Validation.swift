import Foundation

extension CustomerProfile {
    /// Returns the profile with names trimmed, phones in E.164, emails lower-cased, tags deduplicated
    /// and the tier defaulted — or throws every problem found, each naming its field.
    public func validated(under rules: CustomerRules) throws(ValidationFailure) -> CustomerProfile {
        var out = self
        var errors: [FieldError] = []
        for field in Self.fields {
            errors += field.validate(in: &out, under: rules)
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

    static func clean(_ text: String?) -> String? {
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
