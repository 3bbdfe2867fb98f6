/// A knowledge-base list request, as the API and the pages read it: newest change first.
public struct KBArticleQuery: Sendable, Equatable {
    /// Substring of a title or body, in either language, case ignored.
    public var text: String? {
        didSet { text = text?.trimmingWhitespace().lowercased().nilIfEmpty }
    }
    public var category: String? {
        didSet { category = category?.trimmingWhitespace().nilIfEmpty }
    }
    public var status: KBArticleStatus?
    public var limit = 50
    public var cursor: PageCursor?

    public init() {}
}
