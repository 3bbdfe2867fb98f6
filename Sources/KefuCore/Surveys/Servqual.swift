/// SERVQUAL (Parasuraman, Zeithaml & Berry 1988; three-column form 1994): the 22 items, the check of a
/// response and the gap scores, shared by the survey pages, the reports and `kefu calc servqual`, so all
/// three compute the same numbers (definitions and a worked example: docs/SCIENCE.md §9).
public enum Servqual {
    /// Tolerance on the 100 importance points, for shares typed as decimals (33.3 + 33.3 + 33.4).
    public static let pointsTolerance = 1e-6

    /// Checks a response before it is stored or scored: every rating on the format's scale and in one of
    /// its columns, adequate ≤ desired per item (three-column), and points absent or all five given,
    /// non-negative, adding up to 100.
    public static func validate(_ response: ServqualResponse, format: ServqualFormat) throws(ServqualError) {
        for column in ServqualColumn.allCases {
            let ratings = column.ratings(of: response)
            guard format.columns.contains(column) else {
                if !ratings.isEmpty { throw ServqualError.columnNotInFormat(column: column, format: format) }
                continue
            }
            for (item, rating) in ratings.sorted(by: { $0.key < $1.key }) {
                guard (1...22).contains(item) else { throw ServqualError.unknownItem(column: column, item: item) }
                guard format.scale.contains(rating) else {
                    throw ServqualError.ratingOutOfRange(
                        column: column, item: item, rating: rating, scale: format.scale)
                }
            }
        }
        if format == .threeColumn {
            for (item, adequate) in response.adequate.sorted(by: { $0.key < $1.key }) {
                if let desired = response.desired[item], adequate > desired {
                    throw ServqualError.adequateAboveDesired(item: item, adequate: adequate, desired: desired)
                }
            }
        }
        guard let points = response.points else { return }
        let missing = ServqualDimension.allCases.filter { points[$0] == nil }
        guard missing.isEmpty else { throw ServqualError.pointsIncomplete(missing: missing) }
        for dimension in ServqualDimension.allCases {
            let value = points[dimension]!
            guard value >= 0, value.isFinite else {
                throw ServqualError.pointsNegative(dimension: dimension, points: value)
            }
        }
        let total = ServqualDimension.allCases.reduce(0) { $0 + points[$1]! }
        guard abs(total - 100) <= pointsTolerance else { throw ServqualError.pointsTotal(total) }
    }
}
