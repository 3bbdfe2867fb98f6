import ArgumentParser
import KefuCore

/// `kefu calc servqual`: SERVQUAL gap scores from a CSV of responses, with the function the survey
/// reports use, so analysts can score their own data and check Kefu's figures.
struct ServqualCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "servqual",
        abstract: "SERVQUAL gaps per item and dimension from respondent_id,e1..e22,p1..p22[,w_*].",
        discussion: """
            Gap = P − E per item, each respondent's item mean per dimension, averaged over respondents; the \
            weighted score uses the w_tangibles, w_reliability, w_responsiveness, w_assurance, w_empathy \
            points (100 per respondent). --three-column reads a1..a22,d1..d22,p1..p22 on 1–9 and adds the \
            zone of tolerance. An empty cell is a skipped question (docs/SCIENCE.md).
            """
    )

    @Option(help: ArgumentHelp("CSV with header respondent_id,e1..e22,p1..p22[,w_*] (any order).", valueName: "file"))
    var input: String
    @Flag(help: "Read the 1994 three-column form (a1..a22,d1..d22,p1..p22 on a 9-point scale).")
    var threeColumn = false
    @Option(help: "Output format (json).") var format = CalcFormat.json

    func validate() throws { try format.require([.json]) }

    func run() throws {
        let form: ServqualFormat = threeColumn ? .threeColumn : .twoColumn
        let csv = try CalcIO.readCSV(input)
        let responses = try CalcIO.inFile(input) { () throws(CalcInputError) in
            try csv.servqualResponses(format: form)
        }
        let score = Servqual.score(responses, format: form)
        let items = score.items.map { item in
            CalcJSON.object(
                [("item", .int(item.item)), ("dimension", .string(item.dimension.rawValue))] + members(item.figures))
        }
        let dimensions = score.dimensions.map { dimension in
            let weight: [(String, CalcJSON)] = [
                ("weight", .optional(dimension.weight)), ("weight_n", .int(dimension.weightN)),
            ]
            return (dimension.dimension.rawValue, CalcJSON.object(members(dimension.figures) + weight))
        }
        CalcIO.write(
            CalcJSON.object([
                ("respondents", .int(score.respondents)),
                ("items", .array(items)),
                ("dimensions", .object(dimensions)),
                ("unweighted_score", .optional(score.unweightedScore)),
                ("weighted_score", .optional(score.weightedScore)),
                ("weighted_respondents", .int(score.weightedRespondents)),
            ]).rendered)
    }

    /// The means of an item or dimension and the respondents they rest on; three-column adds the zone.
    private func members(_ figures: ServqualFigures) -> [(String, CalcJSON)] {
        var members: [(String, CalcJSON)] = [
            ("expectation", .optional(figures.expectation)), ("perception", .optional(figures.perception)),
            ("gap", .optional(figures.gap)), ("n", .int(figures.n)),
        ]
        if let zone = figures.zone {
            members += [
                ("adequate", .optional(zone.adequate)), ("desired", .optional(zone.desired)),
                ("msa", .optional(zone.msa)), ("mss", .optional(zone.mss)),
                ("in_zone_share", .optional(zone.inZoneShare)),
            ]
        }
        return members
    }
}
