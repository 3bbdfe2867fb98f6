public import Foundation

/// Filters, search and order for the customer list: decoded once from a request (the API and the
/// list page share one parser) and answered by the store.
public struct CustomerQuery: Sendable, Equatable {
    public enum Sort: String, Sendable, CaseIterable {
        case name
        case nameDescending = "-name"
        case createdAt = "created_at"
        case createdAtDescending = "-created_at"
        case updatedAt = "updated_at"
        case updatedAtDescending = "-updated_at"

        public var descending: Bool { rawValue.hasPrefix("-") }
    }

    public var text: String?
    public var tier: String?
    public var tag: String?
    public var stage: LifecycleStage?
    public var branchID: UUID?
    public var isInternal: Bool?
    public var kind: CustomerKind?
    public var sort: Sort = .createdAtDescending
    public var limit: Int = 50
    public var cursor: PageCursor?

    public static let maxLimit = 200

    public init() {}

    /// The search text as matched: trimmed and lower-cased like the stored search text; nil when empty.
    public var searchTerm: String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces).lowercased(), !text.isEmpty else { return nil }
        return text
    }
}
