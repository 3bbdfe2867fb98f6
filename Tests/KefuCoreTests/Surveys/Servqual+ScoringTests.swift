import Testing

@testable import KefuCore

@Suite struct ServqualScoringTests {
    func close(_ value: Double?, _ expected: Double) -> Bool {
        guard let value else { return false }
        return abs(value - expected) < 1e-12
    }

    @Test func theWorkedExampleOfTheDocs() {
        let score = Servqual.score(ServqualExample.responses, format: .twoColumn)
        #expect(score.respondents == 3)
        // Items: n, E, P, gap over those who answered both E and P (r2 skipped p2).
        let items: [(Int, Int, Double, Double, Double)] = [
            (1, 3, 6, 14.0 / 3, -4.0 / 3), (2, 2, 4.5, 5.5, 1), (5, 3, 20.0 / 3, 17.0 / 3, -1),
            (10, 2, 5.5, 4.5, -1), (14, 3, 6, 17.0 / 3, -1.0 / 3), (18, 3, 5, 13.0 / 3, -2.0 / 3),
        ]
        for (item, n, expectation, perception, gap) in items {
            let figures = score[item: item].figures
            #expect(figures.n == n, "item \(item)")
            #expect(close(figures.expectation, expectation), "item \(item)")
            #expect(close(figures.perception, perception), "item \(item)")
            #expect(close(figures.gap, gap), "item \(item)")
            #expect(figures.zone == nil)
        }
        // Dimensions: each respondent's item mean, then the mean over respondents.
        let dimensions: [(ServqualDimension, Int, Double, Double, Double, Double)] = [
            (.tangibles, 3, 17.0 / 3, 5, -2.0 / 3, 15), (.reliability, 3, 20.0 / 3, 17.0 / 3, -1, 35),
            (.responsiveness, 2, 5.5, 4.5, -1, 20), (.assurance, 3, 6, 17.0 / 3, -1.0 / 3, 17.5),
            (.empathy, 3, 5, 13.0 / 3, -2.0 / 3, 12.5),
        ]
        for (dimension, n, expectation, perception, gap, weight) in dimensions {
            let figures = score[dimension].figures
            #expect(figures.n == n, "\(dimension)")
            #expect(close(figures.expectation, expectation), "\(dimension)")
            #expect(close(figures.perception, perception), "\(dimension)")
            #expect(close(figures.gap, gap), "\(dimension)")
            #expect(score[dimension].weight == weight, "\(dimension)")
            #expect(score[dimension].weightN == 2)
        }
        #expect(close(score.unweightedScore, -11.0 / 15))
        // r1: 0.1·(−1) + 0.4·(−2) + 0.2·0 + 0.2·1 + 0.1·(−3) = −1; r2: 0.2·(−2) + 0.3·(−1) + 0.2·(−2) = −1.1.
        #expect(close(score.weightedScore, -1.05))
        #expect(score.weightedRespondents == 2)
    }

    @Test func unansweredItemsAndDimensionsAreNullNotZero() {
        let responses = [
            ServqualResponse(respondentID: "a", expectation: [1: 5, 5: 6], perception: [1: 7, 5: 6, 6: 4]),
            ServqualResponse(respondentID: "b", expectation: [1: 3, 6: 7], perception: [1: 3]),
        ]
        let score = Servqual.score(responses, format: .twoColumn)
        // Item 6 has a perception from a and an expectation from b, but nobody answered both.
        #expect(score[item: 6].figures == ServqualFigures(n: 0, expectation: nil, perception: nil, gap: nil, zone: nil))
        #expect(score[item: 1].figures.n == 2)
        #expect(close(score[item: 1].figures.gap, 1))
        // b answered no reliability item, so reliability rests on a alone.
        #expect(score[.reliability].figures.n == 1)
        #expect(score[.reliability].figures.gap == 0)
        #expect(score[.empathy].figures.n == 0)
        #expect(score[.empathy].figures.gap == nil)
        #expect(score[.empathy].weight == nil)
        #expect(score.unweightedScore == nil)
        #expect(score.weightedScore == nil)
        #expect(score.weightedRespondents == 0)
    }

    @Test func noResponsesScoreNothing() {
        let score = Servqual.score([], format: .threeColumn)
        #expect(score.respondents == 0)
        #expect(score.items.map(\.item) == Array(1...22))
        #expect(score.items.allSatisfy { $0.figures.n == 0 && $0.figures.zone?.inZoneShare == nil })
        #expect(score.dimensions.map(\.dimension) == ServqualDimension.allCases)
        #expect(score.unweightedScore == nil && score.weightedScore == nil)
    }

    @Test func pointsWithoutEveryDimensionCountInTheWeightsButNotTheWeightedScore() {
        var responses = ServqualExample.responses
        responses[2].points = [.tangibles: 20, .reliability: 20, .responsiveness: 20, .assurance: 20, .empathy: 20]
        let score = Servqual.score(responses, format: .twoColumn)
        #expect(score[.tangibles].weight == 50.0 / 3)
        #expect(score[.tangibles].weightN == 3)
        #expect(close(score.weightedScore, -1.05))
        #expect(score.weightedRespondents == 2)
    }

    @Test func aRespondentCountsOnceInADimensionWhateverTheItemsTheyAnswered() {
        // a answers all four tangibles items (gaps 0), b one (gap −4): the dimension gap is −2, not −0.8.
        let responses = [
            ServqualResponse(
                respondentID: "a", expectation: [1: 4, 2: 4, 3: 4, 4: 4], perception: [1: 4, 2: 4, 3: 4, 4: 4]),
            ServqualResponse(respondentID: "b", expectation: [3: 7], perception: [3: 3]),
        ]
        let score = Servqual.score(responses, format: .twoColumn)
        #expect(score[.tangibles].figures.gap == -2)
        #expect(score[.tangibles].figures.n == 2)
        #expect(score[item: 3].figures.gap == -2)
    }

    @Test func threeColumnZoneOfTolerance() {
        // Item 1 of docs/SCIENCE.md §9: inside the zone, below adequate, above desired.
        let responses = [
            ServqualResponse(
                respondentID: "x", perception: [1: 5, 2: 6], adequate: [1: 4, 2: 6], desired: [1: 7, 2: 6]),
            ServqualResponse(respondentID: "y", perception: [1: 4], adequate: [1: 5], desired: [1: 8]),
            ServqualResponse(respondentID: "z", perception: [1: 7, 2: 9], adequate: [1: 3], desired: [1: 6, 2: 9]),
        ]
        let score = Servqual.score(responses, format: .threeColumn)
        let item = score[item: 1].figures
        #expect(item.n == 3)
        #expect(
            item.zone == ServqualZone(adequate: 4, desired: 7, msa: 4.0 / 3, mss: -5.0 / 3, inZoneShare: 1.0 / 3))
        #expect(item.expectation == 7)
        #expect(close(item.perception, 16.0 / 3))
        #expect(item.gap == -5.0 / 3)
        // Item 2: z gave no a2, so only x counts (A = D = P = 6 is inside the zone).
        #expect(
            score[item: 2].figures.zone == ServqualZone(adequate: 6, desired: 6, msa: 0, mss: 0, inZoneShare: 1))
        // Tangibles per respondent (share, msa, mss): x (items 1, 2) 1, 0.5, −1; y 0, −1, −4; z 0, 4, 1.
        let tangibles = score[.tangibles].figures
        #expect(tangibles.n == 3)
        #expect(close(tangibles.zone?.inZoneShare, 1.0 / 3))
        #expect(close(tangibles.zone?.msa, (0.5 - 1 + 4) / 3))
        #expect(close(tangibles.zone?.mss, (-1 - 4 + 1) / 3))
        #expect(tangibles.gap == tangibles.zone?.mss)
        #expect(tangibles.expectation == tangibles.zone?.desired)
        #expect(score.unweightedScore == nil)
    }
}
