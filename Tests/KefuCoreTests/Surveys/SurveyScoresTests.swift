import Testing

@testable import KefuCore

@Suite struct SurveyScoresTests {
    @Test func npsCountsPromotersPassivesAndDetractors() {
        let score = SurveyScores.nps([10, 9, 8, 7, 6, 0, 10, 3])
        #expect(score.responses == 8)
        #expect(score.promoters == 3 && score.passives == 2 && score.detractors == 3)
        #expect(score.nps == 0)
        #expect(score.distribution == [1, 0, 0, 1, 0, 0, 1, 1, 1, 1, 2])
        #expect(SurveyScores.nps([9, 9, 9, 1, 7, 8]).nps == 100 * 2.0 / 6)
    }

    @Test func npsEdges() {
        let none = SurveyScores.nps([])
        #expect(none.responses == 0 && none.nps == nil && none.distribution == Array(repeating: 0, count: 11))
        #expect(SurveyScores.nps([9, 10, 10]).nps == 100)
        #expect(SurveyScores.nps([0, 6]).nps == -100)
        #expect(SurveyScores.nps([7, 8]).nps == 0)
    }

    @Test func csatIsTheShareOfFoursAndFives() {
        let score = SurveyScores.csat([5, 4, 3, 1, 2, 5])
        #expect(score.responses == 6 && score.satisfied == 3 && score.percent == 50)
        #expect(SurveyScores.csat([]).percent == nil)
        #expect(SurveyScores.csat([5, 5]).percent == 100)
        #expect(SurveyScores.csat([3]).percent == 0)
    }

    @Test func cesIsTheMean() {
        #expect(SurveyScores.ces([7, 6, 2]).mean == 5)
        #expect(SurveyScores.ces([1, 2]).mean == 1.5)
        let none = SurveyScores.ces([])
        #expect(none.responses == 0 && none.mean == nil)
    }
}
