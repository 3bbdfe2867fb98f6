extension CustomerField {
    /// Cleans this field of `profile` (trims, normalises, defaults) and returns its problems,
    /// each naming the field by its JSON key.
    func validate(in profile: inout CustomerProfile, under rules: CustomerRules) -> [FieldError] {
        let value = self.value(in: profile)
        switch kind {
        case .name:
            let name = (value.text ?? "").trimmingWhitespace()
            set(.text(name), in: &profile)
            if name.isEmpty { return [FieldError(field: key, code: "required", message: "\(title) is required.")] }
            guard name.count > CustomerRules.maxNameLength else { return [] }
            return [
                FieldError(
                    field: key, code: "too_long",
                    message: "\(title) is longer than \(CustomerRules.maxNameLength) characters.")
            ]
        case .text:
            let text = CustomerProfile.clean(value.text)
            set(.text(text), in: &profile)
            guard (text?.count ?? 0) > CustomerRules.maxTextLength else { return [] }
            return [
                FieldError(
                    field: key, code: "too_long", message: "Longer than \(CustomerRules.maxTextLength) characters.")
            ]
        case .date:
            let date = CustomerProfile.clean(value.text)
            set(.text(date), in: &profile)
            guard let date, !CustomerRules.isRecordDate(date) else { return [] }
            return [
                FieldError(
                    field: key, code: "invalid_date", message: "\(title) must be a date written YYYY-MM-DD.")
            ]
        case .phones:
            let (phones, errors) = ContactPoints.normalize(phones: value.list, region: rules.phoneRegion, field: key)
            set(.list(phones), in: &profile)
            return errors
        case .emails:
            let (emails, errors) = ContactPoints.normalize(emails: value.list, field: key)
            set(.list(emails), in: &profile)
            return errors
        case .tags:
            let tags = CustomerProfile.cleanTags(value.list)
            set(.list(tags), in: &profile)
            return CustomerRules.tagErrors(tags, field: key)
        case .tier:
            guard let tier = CustomerProfile.clean(value.text) else {
                set(.text(rules.defaultTier), in: &profile)
                return []
            }
            if let match = rules.tiers.first(where: { $0.lowercased() == tier.lowercased() }) {
                set(.text(match), in: &profile)
                return []
            }
            return [
                FieldError(
                    field: key, code: "unknown_tier",
                    message: "Tier \"\(tier)\" is not one of \(rules.tiers.joined(separator: ", "))."
                )
            ]
        case .choice, .branch, .staffUser, .flag:
            // Typed already; whether a branch or user exists is the store's question (`CustomerConflict`).
            return []
        }
    }
}
