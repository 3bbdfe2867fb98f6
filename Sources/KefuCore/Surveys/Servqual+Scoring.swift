extension Servqual {
    /// Scores `responses` (checked with `validate` first) with the definitions of docs/SCIENCE.md §9.
    /// An item counts a respondent who answered all its columns; a respondent counts in a dimension
    /// through the mean of the items they answered in it, so a skipped item neither counts as zero nor
    /// lets a talkative respondent outweigh the others.
    public static func score(_ responses: [ServqualResponse], format: ServqualFormat) -> ServqualScore {
        let dimensions = ServqualDimension.allCases
        var itemMeans = [ServqualMean](repeating: ServqualMean(), count: 22)
        var dimensionMeans = [ServqualMean](repeating: ServqualMean(), count: dimensions.count)
        var pointSums = [Double](repeating: 0, count: dimensions.count)
        var pointRespondents = 0
        var weightedSum = 0.0
        var weightedRespondents = 0
        for response in responses {
            var gaps: [Double] = []
            for (index, dimension) in dimensions.enumerated() {
                var own = ServqualMean()
                for item in dimension.items {
                    guard let answer = ServqualAnswer(response, item: item, format: format) else { continue }
                    itemMeans[item - 1].add(answer)
                    own.add(answer)
                }
                guard let mean = own.mean else { continue }
                dimensionMeans[index].add(mean)
                gaps.append(mean.gap)
            }
            guard let points = response.points else { continue }
            pointRespondents += 1
            for (index, dimension) in dimensions.enumerated() { pointSums[index] += points[dimension]! }
            if gaps.count == dimensions.count {
                weightedSum += zip(dimensions, gaps).reduce(0) { $0 + points[$1.0]! / 100 * $1.1 }
                weightedRespondents += 1
            }
        }
        let dimensionScores = dimensions.enumerated().map { index, dimension in
            ServqualDimensionScore(
                dimension: dimension, figures: dimensionMeans[index].figures(format),
                weight: pointRespondents > 0 ? pointSums[index] / Double(pointRespondents) : nil,
                weightN: pointRespondents)
        }
        let gaps = dimensionScores.compactMap(\.figures.gap)
        return ServqualScore(
            format: format, respondents: responses.count,
            items: (1...22).map { item in
                ServqualItemScore(
                    item: item, dimension: .of(item: item), figures: itemMeans[item - 1].figures(format))
            },
            dimensions: dimensionScores,
            unweightedScore: gaps.count == dimensions.count ? gaps.reduce(0, +) / Double(gaps.count) : nil,
            weightedScore: weightedRespondents > 0 ? weightedSum / Double(weightedRespondents) : nil,
            weightedRespondents: weightedRespondents)
    }
}

/// One answered item of one respondent (or a mean of several), with every figure the scores average.
/// Two-column: expectation E, gap P − E. Three-column: expectation D, gap P − D (MSS), plus A, P − A
/// (MSA) and 1 when A ≤ P ≤ D, else 0.
private struct ServqualAnswer {
    var expectation: Double
    var perception: Double
    var gap: Double
    var adequate = 0.0
    var msa = 0.0
    var inZone = 0.0

    /// The answer to `item`, or nil unless every column of the format is rated.
    init?(_ response: ServqualResponse, item: Int, format: ServqualFormat) {
        guard let perception = response.perception[item] else { return nil }
        self.perception = Double(perception)
        switch format {
        case .twoColumn:
            guard let expectation = response.expectation[item] else { return nil }
            self.expectation = Double(expectation)
        case .threeColumn:
            guard let adequate = response.adequate[item], let desired = response.desired[item] else { return nil }
            self.expectation = Double(desired)
            self.adequate = Double(adequate)
            msa = Double(perception - adequate)
            inZone = adequate <= perception && perception <= desired ? 1 : 0
        }
        gap = self.perception - expectation
    }

    init() {
        expectation = 0
        perception = 0
        gap = 0
    }

    static func + (lhs: ServqualAnswer, rhs: ServqualAnswer) -> ServqualAnswer {
        var sum = lhs
        sum.expectation += rhs.expectation
        sum.perception += rhs.perception
        sum.gap += rhs.gap
        sum.adequate += rhs.adequate
        sum.msa += rhs.msa
        sum.inZone += rhs.inZone
        return sum
    }

    static func / (lhs: ServqualAnswer, rhs: Double) -> ServqualAnswer {
        var mean = lhs
        mean.expectation /= rhs
        mean.perception /= rhs
        mean.gap /= rhs
        mean.adequate /= rhs
        mean.msa /= rhs
        mean.inZone /= rhs
        return mean
    }
}

/// A running mean of answers.
private struct ServqualMean {
    private var sum = ServqualAnswer()
    private(set) var count = 0

    mutating func add(_ answer: ServqualAnswer) {
        sum = sum + answer
        count += 1
    }

    var mean: ServqualAnswer? { count > 0 ? sum / Double(count) : nil }

    func figures(_ format: ServqualFormat) -> ServqualFigures {
        let mean = self.mean
        let zone = ServqualZone(
            adequate: mean?.adequate, desired: mean?.expectation, msa: mean?.msa, mss: mean?.gap,
            inZoneShare: mean?.inZone)
        return ServqualFigures(
            n: count, expectation: mean?.expectation, perception: mean?.perception, gap: mean?.gap,
            zone: format == .threeColumn ? zone : nil)
    }
}
