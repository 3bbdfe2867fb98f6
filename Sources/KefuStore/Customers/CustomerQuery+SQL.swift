import KefuCore

extension CustomerQuery.Sort {
    /// The column the list is ordered by (with `id` to break ties).
    var column: String {
        switch self {
        case .name, .nameDescending: "name_key"
        case .createdAt, .createdAtDescending: "created_at"
        case .updatedAt, .updatedAtDescending: "updated_at"
        }
    }
}

extension CustomerQuery {
    /// `%text%` with LIKE's wildcards escaped, lower-cased like the stored search text; nil without text.
    var searchPattern: String? {
        guard let text = searchTerm else { return nil }
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        return "%" + escaped + "%"
    }
}
