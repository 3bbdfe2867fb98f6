/// What a report counts per (`group_by`): the cases of an enum whose first is the default. One parser for every
/// report, so each answers a blank choice and an unknown one alike.
public protocol ReportGrouping: RawRepresentable, CaseIterable, Sendable where RawValue == String {}

extension ReportGrouping {
    /// The grouping `text` names; blank is the first case, anything else unknown a field error on `group_by`.
    public static func parse(_ text: String?) throws(ValidationFailure) -> Self {
        guard let text = text?.trimmingWhitespace(), !text.isEmpty else { return allCases.first! }
        guard let grouping = Self(rawValue: text) else {
            let names = allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationFailure([
                FieldError(field: "group_by", code: "invalid_group_by", message: "group_by must be one of \(names).")
            ])
        }
        return grouping
    }
}

/// Groups found in the rows (a branch, a team, an agent) in the order a report lists them: by name, then key. The
/// rows without one (the nil key) are left for the caller to list last.
public enum ReportGroups {
    public static func ordered(_ names: [String?: String?]) -> [String?] {
        names.compactMap { key, name in key.map { ($0, name ?? "") } }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .map(\.0)
    }
}
