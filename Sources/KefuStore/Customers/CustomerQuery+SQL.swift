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
        searchTerm.map(LikePattern.containing)
    }
}
