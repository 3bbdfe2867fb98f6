/// Percentiles of a sample, computed exactly in Swift so that every database gives the same figure.
public enum Percentile {
    /// The `p`-th quantile (0…1) of `values` by linear interpolation between the closest ranks
    /// (Hyndman & Fan type 7: Excel's PERCENTILE.INC, NumPy's default), so the median of an even
    /// count is the mean of the middle two. Nil for no values.
    public static func of(_ values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let position = Double(sorted.count - 1) * min(max(p, 0), 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }
}
