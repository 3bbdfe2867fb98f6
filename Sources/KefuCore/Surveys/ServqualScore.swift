/// The SERVQUAL scores of a set of responses (`Servqual.score`): per item, per dimension and overall,
/// each figure with the number of respondents it rests on. Means are unrounded; nil where nobody
/// answered.
public struct ServqualScore: Sendable, Equatable {
    public let format: ServqualFormat
    /// Every response scored, whether or not it answered anything.
    public let respondents: Int
    /// The 22 items in order (`items[i].item == i + 1`).
    public let items: [ServqualItemScore]
    /// The five dimensions in `ServqualDimension.allCases` order.
    public let dimensions: [ServqualDimensionScore]
    /// Mean of the five dimension gaps; nil when a dimension has none.
    public let unweightedScore: Double?
    /// Mean over `weightedRespondents` of Σ (points_d / 100) × the respondent's gap in d; nil when none.
    public let weightedScore: Double?
    /// Respondents with points and a gap in all five dimensions.
    public let weightedRespondents: Int

    public subscript(item item: Int) -> ServqualItemScore { items[item - 1] }

    public subscript(dimension: ServqualDimension) -> ServqualDimensionScore {
        dimensions[ServqualDimension.allCases.firstIndex(of: dimension)!]
    }
}

/// The means of one item or dimension over the `n` respondents who answered it. In the three-column
/// form `expectation` is the desired level and `gap` the measure of service superiority P − D, the
/// 1994 form's analogue of P − E, so one chart or report reads both forms.
public struct ServqualFigures: Sendable, Equatable {
    public let n: Int
    public let expectation: Double?
    public let perception: Double?
    public let gap: Double?
    /// The zone-of-tolerance figures; nil in the two-column form.
    public let zone: ServqualZone?
}

/// Three-column figures: where perception falls against the adequate–desired band.
public struct ServqualZone: Sendable, Equatable {
    public let adequate: Double?
    public let desired: Double?
    /// Measure of service adequacy, P − A: below 0 is service failure.
    public let msa: Double?
    /// Measure of service superiority, P − D: above 0 is delight.
    public let mss: Double?
    /// Share of answers with A ≤ P ≤ D (per dimension: the mean of each respondent's share).
    public let inZoneShare: Double?
}

public struct ServqualItemScore: Sendable, Equatable {
    public let item: Int
    public let dimension: ServqualDimension
    /// Over the respondents who answered every column of the item.
    public let figures: ServqualFigures
}

public struct ServqualDimensionScore: Sendable, Equatable {
    public let dimension: ServqualDimension
    /// Each respondent's means over the items they answered in the dimension, averaged over the `n`
    /// respondents who answered at least one.
    public let figures: ServqualFigures
    /// Mean importance points over the `weightN` respondents who gave points; nil when none did.
    public let weight: Double?
    public let weightN: Int
}
