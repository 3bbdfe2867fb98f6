/// How two customer profiles combine when a duplicate is merged into a survivor: each field as its
/// `CustomerField.Merge` says — the survivor's values win, its empty fields are filled from the
/// duplicate, lists are united, remarks kept both, consents given on either.
public enum CustomerMerge {
    public static func combine(survivor: CustomerProfile, duplicate: CustomerProfile) -> CustomerProfile {
        var out = survivor
        for field in CustomerProfile.fields {
            let kept = field.value(in: survivor)
            let other = field.value(in: duplicate)
            switch field.merge {
            case .survivor:
                continue
            case .fillEmpty:
                if kept == field.defaultValue { field.set(other, in: &out) }
            case .union:
                let both =
                    field.kind == .tags
                    ? CustomerProfile.cleanTags(kept.list + other.list)
                    : kept.list + other.list.filter { !kept.list.contains($0) }
                field.set(.list(both), in: &out)
            case .joinLines:
                let text = [kept.text, other.text].compactMap { $0 }.joined(separator: "\n").nilIfEmpty
                field.set(.text(text), in: &out)
            case .either:
                field.set(.flag(kept.flag || other.flag), in: &out)
            }
        }
        out.customFields = survivor.customFields.merging(duplicate.customFields) { kept, _ in kept }
        return out
    }
}
