import ArgumentParser
import KefuCore

/// `kefu calc nps`: the Net Promoter Score of a CSV of 0–10 answers, as the survey reports compute it.
struct NPSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nps",
        abstract: "Net Promoter Score from respondent_id,score (0–10; empty = no answer).",
        discussion: "NPS = 100 × (promoters 9–10 − detractors 0–6) / responses, null without responses."
    )

    @Option(help: ArgumentHelp("CSV with header respondent_id,score.", valueName: "file")) var input: String
    @Option(help: "Output format (json).") var format = CalcFormat.json

    func validate() throws { try format.require([.json]) }

    func run() throws {
        let csv = try CalcIO.readCSV(input)
        let score = SurveyScores.nps(try CalcIO.inFile(input) { () throws(CalcInputError) in try csv.npsScores() })
        CalcIO.write(
            CalcJSON.object([
                ("responses", .int(score.responses)),
                ("promoters", .int(score.promoters)),
                ("passives", .int(score.passives)),
                ("detractors", .int(score.detractors)),
                ("nps", .optional(score.nps)),
            ]).rendered)
    }
}
