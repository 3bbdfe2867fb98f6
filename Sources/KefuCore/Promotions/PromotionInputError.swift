/// A basket or promotion that breaks the contract of docs/SCIENCE.md §10, told in one line that names where
/// and which field: `promotion m300: cap: a cap needs "repeat": true`, `line 2 (sku A1): quantity: must be at
/// least 1`, `basket: at: required`. Only the first problem is reported: a quote is all or nothing, and one
/// line is what the CLI prints.
public struct PromotionInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the error is about.
    public enum Subject: Sendable, Equatable {
        /// A basket-level field (`at`, `tier`, `lines`, …) or the basket document itself.
        case basket
        /// A basket line by its 1-based position, with its sku once that was read.
        case line(position: Int, sku: String?)
        /// A promotion by its id.
        case promotion(id: String)
        /// A promotion whose id could not be read, by its 1-based position in the list when it has one.
        case unnamedPromotion(position: Int?)
        /// The promotion list as a whole (not a JSON array).
        case promotionList
    }

    public let subject: Subject
    /// The JSON field, dotted below the subject (`window.from`, `prices.A1.VIP`, `scope.skus[1]`); nil when the
    /// subject as a whole is wrong.
    public let field: String?
    public let message: String

    public init(_ subject: Subject, field: String?, _ message: String) {
        self.subject = subject
        self.field = field
        self.message = message
    }

    public var description: String {
        let name: String
        switch subject {
        case .basket: name = "basket"
        case .line(let position, let sku): name = "line \(position)" + (sku.map { " (sku \($0))" } ?? "")
        case .promotion(let id): name = "promotion \(id)"
        case .unnamedPromotion(let position): name = "promotion" + (position.map { " #\($0)" } ?? "")
        case .promotionList: name = "promotions"
        }
        return [name, field, message].compactMap { $0 }.joined(separator: ": ")
    }
}
