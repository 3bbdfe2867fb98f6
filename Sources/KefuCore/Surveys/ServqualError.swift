/// Why a SERVQUAL response cannot be scored; each case names the item or dimension, so the survey page,
/// the API and `kefu calc servqual` can say what to fix.
public enum ServqualError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A rating outside the format's scale.
    case ratingOutOfRange(column: ServqualColumn, item: Int, rating: Int, scale: ClosedRange<Int>)
    /// A rating for an item number outside 1–22.
    case unknownItem(column: ServqualColumn, item: Int)
    /// A rating in a column the format does not have (an expectation in a three-column response).
    case columnNotInFormat(column: ServqualColumn, format: ServqualFormat)
    /// The adequate level above the desired one: the zone of tolerance would be empty.
    case adequateAboveDesired(item: Int, adequate: Int, desired: Int)
    /// Some of the five dimensions have points and others none.
    case pointsIncomplete(missing: [ServqualDimension])
    /// A negative (or not finite) number of points.
    case pointsNegative(dimension: ServqualDimension, points: Double)
    /// Points that do not add up to 100.
    case pointsTotal(Double)

    public var description: String {
        switch self {
        case .ratingOutOfRange(let column, let item, let rating, let scale):
            return "\(column.field(item)) is \(rating), outside the \(scale.lowerBound)–\(scale.upperBound) scale"
        case .unknownItem(let column, let item):
            return "\(column.field(item)) is not a SERVQUAL item (items are 1–22)"
        case .columnNotInFormat(let column, let format):
            let columns = format.columns.map { $0.field(1) }.joined(separator: ", ")
            return "\(column.field(1))… ratings are not part of the \(format.rawValue) format (\(columns)…)"
        case .adequateAboveDesired(let item, let adequate, let desired):
            return
                "a\(item) (\(adequate)) is above d\(item) (\(desired)): the adequate level cannot exceed the desired one"
        case .pointsIncomplete(let missing):
            return "points are missing for \(missing.map(\.rawValue).joined(separator: ", ")) (give all five or none)"
        case .pointsNegative(let dimension, let points):
            return "points for \(dimension.rawValue) are \(points); points must be zero or more"
        case .pointsTotal(let total):
            return "points add up to \(total), not 100"
        }
    }
}
