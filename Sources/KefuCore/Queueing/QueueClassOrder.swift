/// The order of a branch's priority classes, first class first (issue 14 §1; default as `QueueClass` lists them):
/// a ticket's class rank, which the calling policy compares, is its class's index here.
public struct QueueClassOrder: Sendable, Hashable {
    public let classes: [QueueClass]

    public static let `default` = QueueClassOrder(checked: QueueClass.allCases)

    /// Every class exactly once; anything else fails naming `field`.
    public init(_ classes: [QueueClass], field: String = "class_order") throws(ValidationFailure) {
        guard classes.count == QueueClass.allCases.count, Set(classes).count == classes.count else {
            throw ValidationFailure([
                FieldError(
                    field: field, code: "invalid_order",
                    message: "List each class once: "
                        + QueueClass.allCases.map(\.rawValue).joined(separator: ", ") + ".")
            ])
        }
        self.init(checked: classes)
    }

    private init(checked classes: [QueueClass]) {
        self.classes = classes
    }

    /// 0 for the first class, 1 for the next, …
    public func rank(of queueClass: QueueClass) -> Int {
        classes.firstIndex(of: queueClass)!
    }
}

extension QueueClassOrder: Codable {
    /// A JSON array of class names, first class first.
    public init(from decoder: any Decoder) throws {
        try self.init(
            decoder.singleValueContainer().decode([QueueClass].self),
            field: decoder.codingPath.isEmpty ? "class_order" : JSONPath.text(decoder.codingPath))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(classes)
    }
}
