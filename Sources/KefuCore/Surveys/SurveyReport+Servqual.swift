/// The SERVQUAL reports of one survey's answers (`Servqual.score`): the two-column form shows expectation,
/// perception and the gap P − E; the three-column form the adequate and desired levels, perception, MSA (P − A),
/// MSS (P − D) and the share of answers inside the zone of tolerance, with the zone drawn as bands.
extension SurveyReport {
    /// The SERVQUAL report `kind` of `score`; a report that is not SERVQUAL's is a programming error.
    public static func servqual(_ kind: SurveyReport, _ score: ServqualScore) -> Report {
        switch kind {
        case .servqualDimensions: return servqualDimensions(score)
        case .servqualItems: return servqualItems(score)
        case .servqualScores: return servqualScores(score)
        case .scores, .trend, .npsDistribution, .campaigns: preconditionFailure("\(kind) is not a SERVQUAL report")
        }
    }

    /// Per dimension: the respondents counted, the figures, and the importance (mean points, over the respondents
    /// who gave points).
    public static func servqualDimensions(_ score: ServqualScore) -> Report {
        Report(
            name: SurveyReport.servqualDimensions.rawValue,
            columns: [.named("dimension", .text, valuePrefix: "report.dimension."), .named("respondents", .count)]
                + figureColumns(score.format) + [.named("weight", .score), .named("weight_respondents", .count)],
            rows: score.dimensions.map { scored in
                [.text(scored.dimension.rawValue), .integer(scored.figures.n)]
                    + figureCells(scored.figures, score.format)
                    + [.score(scored.weight), .integer(scored.weightN)]
            },
            chart: chart(score.format, labelColumn: "dimension"))
    }

    /// Per item (1–22): its dimension and statement, the respondents who answered every column of it, the figures
    /// and, three-column, where the mean perception falls: below adequate (`failure`), above desired (`delight`)
    /// or inside the zone (`tolerance`).
    public static func servqualItems(_ score: ServqualScore) -> Report {
        let three = score.format == .threeColumn
        return Report(
            name: SurveyReport.servqualItems.rawValue,
            columns: [
                .named("item", .count), .named("dimension", .text, valuePrefix: "report.dimension."),
                .named("statement", .text, englishColumn: "statement_en"), .named("statement_en", .text),
                .named("respondents", .count),
            ] + figureColumns(score.format) + (three ? [.named("zone", .text, valuePrefix: "report.zone.")] : []),
            rows: score.items.map { scored in
                let statement = Servqual.items[scored.item - 1]
                return [
                    .integer(scored.item), .text(scored.dimension.rawValue), .text(statement.zh), .text(statement.en),
                    .integer(scored.figures.n),
                ] + figureCells(scored.figures, score.format)
                    + (three ? [zone(of: scored.figures).map(ReportValue.text) ?? .empty] : [])
            },
            chart: chart(score.format, labelColumn: "item"))
    }

    /// The survey's two scores: unweighted (the mean of the five dimension gaps) over every respondent, and
    /// weighted by importance over the respondents with points and a gap in all five dimensions.
    public static func servqualScores(_ score: ServqualScore) -> Report {
        Report(
            name: SurveyReport.servqualScores.rawValue,
            columns: [
                .named("measure", .text, valuePrefix: "report.measure."), .named("score", .score),
                .named("respondents", .count),
            ],
            rows: [
                [.text("unweighted_score"), .score(score.unweightedScore), .integer(score.respondents)],
                [.text("weighted_score"), .score(score.weightedScore), .integer(score.weightedRespondents)],
            ])
    }

    private static func figureColumns(_ format: ServqualFormat) -> [ReportColumn] {
        switch format {
        case .twoColumn:
            return ["expectation", "perception", "gap"].map { .named($0, .score) }
        case .threeColumn:
            return ["adequate", "desired", "perception", "msa", "mss"].map { .named($0, .score) }
                + [.named("in_zone_share", .percent)]
        }
    }

    private static func figureCells(_ figures: ServqualFigures, _ format: ServqualFormat) -> [ReportValue] {
        switch format {
        case .twoColumn:
            return [.score(figures.expectation), .score(figures.perception), .score(figures.gap)]
        case .threeColumn:
            let zone = figures.zone
            let share = zone?.inZoneShare.map { ReportValue.decimal(($0 * 1000).rounded() / 10) } ?? .empty
            return [
                .score(zone?.adequate), .score(zone?.desired), .score(figures.perception), .score(zone?.msa),
                .score(zone?.mss), share,
            ]
        }
    }

    /// Where an item's mean perception falls against its mean zone of tolerance: below adequate (`failure`), above
    /// desired (`delight`) or inside (`tolerance`); nil in the two-column form or when nobody answered it.
    public static func zone(of figures: ServqualFigures) -> String? {
        guard let perceived = figures.perception, let adequate = figures.zone?.adequate,
            let desired = figures.zone?.desired
        else { return nil }
        return perceived < adequate ? "failure" : perceived > desired ? "delight" : "tolerance"
    }

    /// Two-column: the gap as bars (negative below the line). Three-column: the zone of tolerance as bands on the
    /// 1–9 scale with perception marked.
    private static func chart(_ format: ServqualFormat, labelColumn: String) -> ReportChart {
        switch format {
        case .twoColumn: return ReportChart(.bar, labelColumn: labelColumn, valueColumns: ["gap"])
        case .threeColumn:
            let scale = format.scale
            return ReportChart(
                .band, labelColumn: labelColumn, valueColumns: ["adequate", "desired", "perception"],
                scale: Double(scale.lowerBound)...Double(scale.upperBound))
        }
    }
}
