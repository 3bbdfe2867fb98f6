/// One respondent's SERVQUAL answers. Ratings map item number → rating; a missing key is an item the
/// respondent skipped, which the scores leave out rather than count as zero. Two-column answers fill
/// `expectation`/`perception`, three-column ones `adequate`/`desired`/`perception`.
public struct ServqualResponse: Sendable, Hashable {
    public var respondentID: String
    public var expectation: [Int: Int]
    public var perception: [Int: Int]
    public var adequate: [Int: Int]
    public var desired: [Int: Int]
    /// The 100 importance points split over the five dimensions; nil when the respondent gave none.
    public var points: [ServqualDimension: Double]?

    public init(
        respondentID: String, expectation: [Int: Int] = [:], perception: [Int: Int] = [:],
        adequate: [Int: Int] = [:], desired: [Int: Int] = [:], points: [ServqualDimension: Double]? = nil
    ) {
        self.respondentID = respondentID
        self.expectation = expectation
        self.perception = perception
        self.adequate = adequate
        self.desired = desired
        self.points = points
    }
}

extension ServqualResponse {
    /// The response a form's fields give (`e5`, `a5`, `d5`, `p5` for item 5; `w_tangibles` for importance points),
    /// read in one pass over them, as the reports do for every stored answer. Other fields, and items outside
    /// 1–22, are not SERVQUAL's and are left out.
    public init(fields: [String: Int], respondentID: String) {
        self.init(respondentID: respondentID)
        var points: [ServqualDimension: Double] = [:]
        for (name, value) in fields {
            if name.hasPrefix("w_") {
                if let dimension = ServqualDimension(rawValue: String(name.dropFirst(2))) {
                    points[dimension] = Double(value)
                }
                continue
            }
            guard let first = name.first, let column = ServqualColumn(rawValue: String(first)),
                let item = Int(name.dropFirst()), Servqual.items.indices.contains(item - 1)
            else { continue }
            switch column {
            case .expectation: expectation[item] = value
            case .adequate: adequate[item] = value
            case .desired: desired[item] = value
            case .perception: perception[item] = value
            }
        }
        self.points = points.isEmpty ? nil : points
    }
}
