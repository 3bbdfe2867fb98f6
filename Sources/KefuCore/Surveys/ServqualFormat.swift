/// The two SERVQUAL questionnaires: the 1988 form rates expectation and perception on 1–7; the 1994
/// three-column form rates the adequate, desired and perceived levels on 1–9, which locates each
/// perception against a zone of tolerance instead of a single expectation.
public enum ServqualFormat: String, CaseIterable, Sendable, Codable {
    case twoColumn = "two_column"
    case threeColumn = "three_column"

    /// The rating scale of every column.
    public var scale: ClosedRange<Int> {
        switch self {
        case .twoColumn: return 1...7
        case .threeColumn: return 1...9
        }
    }

    /// The columns each item is rated in, in the questionnaire's (and the CSV's) order.
    public var columns: [ServqualColumn] {
        switch self {
        case .twoColumn: return [.expectation, .perception]
        case .threeColumn: return [.adequate, .desired, .perception]
        }
    }
}

/// One way an item is rated. The raw value is the CSV and form prefix (`e5`, `p5`, `a5`, `d5`).
public enum ServqualColumn: String, CaseIterable, Sendable, Codable {
    case expectation = "e"
    case adequate = "a"
    case desired = "d"
    case perception = "p"

    /// The field name of item `item` in this column (`e5`).
    public func field(_ item: Int) -> String { rawValue + String(item) }

    /// The ratings of `response` in this column.
    public func ratings(of response: ServqualResponse) -> [Int: Int] {
        switch self {
        case .expectation: return response.expectation
        case .adequate: return response.adequate
        case .desired: return response.desired
        case .perception: return response.perception
        }
    }
}
