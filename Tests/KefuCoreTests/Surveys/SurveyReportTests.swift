import Foundation
import KefuCore
import Testing

@Suite("Survey reports")
struct SurveyReportTests {
    static let november = ReportFilter(
        from: CalendarDay(year: 2026, month: 11, day: 1)!, to: CalendarDay(year: 2026, month: 11, day: 30)!)

    static func tally(_ group: String?, _ name: String? = nil, _ kind: SurveyKind, _ score: Int, _ count: Int)
        -> SurveyReport.Tally
    {
        SurveyReport.Tally(group: group, name: name, kind: kind, score: score, count: count)
    }

    @Test func weeksRunMondayToSundayFromThePeriodsFirstDay() {
        // 1 November 2026 is a Sunday: a one-day week, then Mondays 2, 9, 16, 23 and 30.
        #expect(
            SurveyReport.weeks(of: Self.november).map(\.description) == [
                "2026-11-01", "2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30",
            ])
        let one = ReportFilter(
            from: CalendarDay(year: 2026, month: 12, day: 3)!, to: CalendarDay(year: 2026, month: 12, day: 3)!)
        #expect(SurveyReport.weeks(of: one).map(\.description) == ["2026-12-03"])
    }

    @Test func scoresCountCSATNPSAndCESPerWeekWithTheAnswersTheyRestOn() throws {
        let tallies = [
            Self.tally("2026-11-09", nil, .csat, 5, 2), Self.tally("2026-11-09", nil, .csat, 4, 1),
            Self.tally("2026-11-09", nil, .csat, 2, 1), Self.tally("2026-11-09", nil, .nps, 10, 1),
            Self.tally("2026-11-09", nil, .nps, 6, 1), Self.tally("2026-11-09", nil, .nps, 8, 1),
            Self.tally("2026-11-09", nil, .ces, 2, 1), Self.tally("2026-11-09", nil, .ces, 5, 1),
            Self.tally("2026-11-16", nil, .nps, 9, 3),
        ]
        let report = SurveyReport.scores(tallies, by: .week, filter: Self.november)
        #expect(
            report.columns.map(\.key) == [
                "week", "csat_responses", "csat", "nps_responses", "nps", "ces_responses", "ces",
            ])
        #expect(report.rows.count == 6)
        // CSAT: 3 of 4 answered 4 or 5. NPS: one promoter, one detractor, one passive. CES: (2 + 5) / 2.
        #expect(
            report.rows[2] == [
                .text("2026-11-09"), .integer(4), .decimal(75), .integer(3), .decimal(0), .integer(2), .decimal(3.5),
            ])
        #expect(
            report.rows[3] == [
                .text("2026-11-16"), .integer(0), .empty, .integer(3), .decimal(100), .integer(0), .empty,
            ])
        #expect(report.rows[0] == [.text("2026-11-01"), .integer(0), .empty, .integer(0), .empty, .integer(0), .empty])
        #expect(report.chart?.valueColumns == ["csat", "nps"])
        let trend = SurveyReport.trend(tallies, filter: Self.november)
        #expect(trend.name == "trend" && trend.rows == report.rows && trend.chart?.kind == .line)
    }

    @Test func groupsAreListedByNameWithTheUnattributedLast() {
        let tallies = [
            Self.tally("B", "王芳", .csat, 5, 1), Self.tally(nil, nil, .csat, 1, 2), Self.tally("A", "李雷", .csat, 4, 1),
            Self.tally("B", "王芳", .nps, 3, 1),
        ]
        let report = SurveyReport.scores(tallies, by: .agent, filter: Self.november)
        #expect(report.rows.map { $0[0] } == [.text("李雷"), .text("王芳"), .empty])
        #expect(report.rows[1][3...4] == [.integer(1), .decimal(-100)])
        #expect(report.rows[2][1...2] == [.integer(2), .decimal(0)])
    }

    @Test func theNPSDistributionListsEveryScore() {
        let report = SurveyReport.npsDistribution([
            Self.tally(nil, nil, .nps, 10, 3), Self.tally(nil, nil, .nps, 0, 1), Self.tally(nil, nil, .csat, 5, 9),
        ])
        #expect(report.rows.count == 11)
        #expect(report.rows[0] == [.integer(0), .integer(1), .decimal(25)])
        #expect(report.rows[10] == [.integer(10), .integer(3), .decimal(75)])
        #expect(report.rows[5] == [.integer(5), .integer(0), .decimal(0)])
    }

    @Test func servqualTwoColumnShowsGapsAndImportance() {
        let score = Servqual.score(
            [
                ServqualResponse(
                    respondentID: "1", expectation: [1: 7, 5: 6], perception: [1: 4, 5: 6],
                    points: [.tangibles: 10, .reliability: 50, .responsiveness: 20, .assurance: 10, .empathy: 10]),
                ServqualResponse(respondentID: "2", expectation: [1: 5], perception: [1: 6]),
            ], format: .twoColumn)
        let dimensions = SurveyReport.servqualDimensions(score)
        #expect(
            dimensions.columns.map(\.key) == [
                "dimension", "respondents", "expectation", "perception", "gap", "weight", "weight_respondents",
            ])
        // Tangibles: item 1 gaps −3 and +1, mean −1 over two respondents; importance 10 from one of them.
        #expect(
            dimensions.rows[0] == [
                .text("tangibles"), .integer(2), .decimal(6), .decimal(5), .decimal(-1), .decimal(10), .integer(1),
            ])
        #expect(dimensions.rows[4][1] == .integer(0) && dimensions.rows[4][4] == .empty)
        #expect(dimensions.chart == ReportChart(.bar, labelColumn: "dimension", valueColumns: ["gap"]))
        let items = SurveyReport.servqualItems(score)
        #expect(items.rows.count == 22 && !items.columns.contains { $0.key == "zone" })
        #expect(items.rows[0][0...2] == [.integer(1), .text("tangibles"), .text(Servqual.items[0].zh)])
        let scores = SurveyReport.servqualScores(score)
        #expect(scores.rows[0] == [.text("unweighted_score"), .empty, .integer(2)])
        #expect(scores.rows[1] == [.text("weighted_score"), .empty, .integer(0)])
    }

    @Test func servqualThreeColumnPlacesEachItemAgainstTheZone() {
        let score = Servqual.score(
            [
                ServqualResponse(
                    respondentID: "1", perception: [1: 4, 5: 7, 10: 6], adequate: [1: 5, 5: 3, 10: 5],
                    desired: [1: 8, 5: 6, 10: 7])
            ], format: .threeColumn)
        let items = SurveyReport.servqualItems(score)
        let zone = items.column("zone")!.index
        #expect(items.rows[0][zone] == .text("failure"))
        #expect(items.rows[4][zone] == .text("delight"))
        #expect(items.rows[9][zone] == .text("tolerance"))
        #expect(items.rows[1][zone] == .empty)
        let dimensions = SurveyReport.servqualDimensions(score)
        #expect(
            dimensions.columns.map(\.key) == [
                "dimension", "respondents", "adequate", "desired", "perception", "msa", "mss", "in_zone_share",
                "weight",
                "weight_respondents",
            ])
        #expect(
            dimensions.rows[0][2...7] == [
                .decimal(5), .decimal(8), .decimal(4), .decimal(-1), .decimal(-4), .decimal(0),
            ])
        #expect(
            dimensions.chart
                == ReportChart(
                    .band, labelColumn: "dimension", valueColumns: ["adequate", "desired", "perception"], scale: 1...9))
        #expect(SurveyReport.zone(of: score[item: 10].figures) == "tolerance")
    }

    @Test func campaignsShowTheirResponseRate() {
        let made = Date(timeIntervalSince1970: 1_795_000_000)
        let report = SurveyReport.campaigns([
            (
                SurveyCampaign(
                    id: UUID(), surveyID: UUID(), name: "VIP 年度", segment: SurveySegment(), invited: 3, answered: 1,
                    createdAt: made), "推荐度"
            ),
            (
                SurveyCampaign(
                    id: UUID(), surveyID: UUID(), name: "空", segment: SurveySegment(), invited: 0, createdAt: made),
                "推荐度"
            ),
        ])
        #expect(
            report.rows[0] == [
                .text("VIP 年度"), .text("推荐度"), .text(RFC3339.utc(made)), .integer(3), .integer(1), .decimal(33.3),
            ])
        #expect(report.rows[1][5] == .empty)
    }

    @Test func theGroupingIsParsedWithWeekFirst() throws {
        #expect(try SurveyReport.Grouping.parse(nil) == .week)
        #expect(try SurveyReport.Grouping.parse("survey") == .survey)
        #expect(throws: ValidationFailure.self) { try SurveyReport.Grouping.parse("day") }
    }

    @Test func scoresShowTwoDecimals() {
        #expect(ReportValue.score(2.0 / 3) == .decimal(0.67))
        #expect(ReportValue.score(nil) == .empty)
        #expect(ReportColumn.named("gap", .score).display(.decimal(-0.5)) == "-0.50")
        #expect(ReportValue.decimal(-0.83).plainText == "-0.83")
    }
}

@Suite("SERVQUAL answers as stored")
struct ServqualStoredJSONTests {
    @Test func aFlatObjectOfWholeNumbersReadsAsItsFields() {
        let json = #"{"a3":2,"e1":7,"p1":4,"p22":-1,"q_note":5,"w_tangibles":20}"#
        let read = ServqualResponse(storedJSON: json, respondentID: "r")
        let fields = ["a3": 2, "e1": 7, "p1": 4, "p22": -1, "q_note": 5, "w_tangibles": 20]
        #expect(read == ServqualResponse(fields: fields, respondentID: "r"))
        #expect(read?.expectation == [1: 7] && read?.perception == [1: 4, 22: -1] && read?.adequate == [3: 2])
        #expect(read?.points == [.tangibles: 20])
        #expect(ServqualResponse(storedJSON: #" { "e1" : 7 ,"p1":4 } "#, respondentID: "r")?.perception == [1: 4])
        #expect(ServqualResponse(storedJSON: "{}", respondentID: "r") == ServqualResponse(respondentID: "r"))
    }

    @Test(arguments: [
        #"{"q_x":"text"}"#, #"{"e1":7.5}"#, #"{"e1":7,}"#, #"{"e1":7} x"#, #"{"e\u0031":7}"#, #"{"e1":}"#, "",
        #"["e1",7]"#, #"{"e1":7"#, #"{"e1":1234567890}"#,
    ])
    func anythingElseIsLeftToTheGeneralDecoder(json: String) {
        #expect(ServqualResponse(storedJSON: json, respondentID: "r") == nil)
    }
}
