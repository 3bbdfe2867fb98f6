public import Foundation

/// Filters, search and order for the customer list.
public struct CustomerQuery: Sendable, Equatable {
    public enum Sort: String, Sendable, CaseIterable {
        case name, nameDescending = "-name"
        case createdAt = "created_at", createdAtDescending = "-created_at"
        case updatedAt = "updated_at", updatedAtDescending = "-updated_at"

        var column: String {
            switch self {
            case .name, .nameDescending: "name_key"
            case .createdAt, .createdAtDescending: "created_at"
            case .updatedAt, .updatedAtDescending: "updated_at"
            }
        }

        var descending: Bool { rawValue.hasPrefix("-") }
    }

    public var text: String?
    public var tier: String?
    public var tag: String?
    public var stage: String?
    public var branchID: UUID?
    public var isInternal: Bool?
    public var kind: String?
    public var sort: Sort = .createdAtDescending
    public var limit: Int = 50
    public var cursor: PageCursor?

    public static let maxLimit = 200

    public init() {}
}
