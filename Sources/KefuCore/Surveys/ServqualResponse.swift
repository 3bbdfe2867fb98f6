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
