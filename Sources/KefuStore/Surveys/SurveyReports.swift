import FluentKit
public import Foundation
public import KefuCore
import SQLKit

/// The figures behind the survey reports (issue 13 §3) and the survey page, read on both engines. The reports
/// count the answers given in the filter's period (in the business's time zone) where the service was given by
/// the filter's branch and team — the branch, team and agent each response stored — optionally of one survey.
/// CSAT, NPS and CES are counted per score in SQL, so a report reads a few rows however many answers there are;
/// SERVQUAL reads each answer's ratings once and scores them in KefuCore, as `kefu calc servqual` does.
public struct SurveyReports: Sendable {
    private let source: DatabaseSource
    private let settings: SettingsRepository
    var db: any Database { source.db }

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
        settings = SettingsRepository(database)
    }

    /// `report` for `filter`, `scores` counted per `grouping`, narrowed to the survey `surveyID` names. A SERVQUAL
    /// report needs a SERVQUAL survey; an unknown branch, team or survey is a 400 naming its parameter.
    public func run(
        _ report: SurveyReport, filter: ReportFilter, grouping: SurveyReport.Grouping = .week, surveyID: UUID?
    ) async throws -> Report {
        let zone = try await settings.get().zone
        let sql = db.sql
        let survey = try await check(filter, surveyID: surveyID, servqual: report.isServqual)
        let period = filter.interval(in: zone)
        var scope = filter.scope(period, alias: "r", time: "r.created_at")
        if let surveyID { scope += " AND r.survey_id = \(bind: surveyID)" }
        switch report {
        case .scores:
            let weeks = SurveyReport.weeks(of: filter).map { ($0.description, $0.start(in: zone)) }
            return SurveyReport.scores(
                try await Self.tallies(scope, by: grouping, weeks: weeks, on: sql), by: grouping, filter: filter)
        case .trend:
            let weeks = SurveyReport.weeks(of: filter).map { ($0.description, $0.start(in: zone)) }
            return SurveyReport.trend(try await Self.tallies(scope, by: .week, weeks: weeks, on: sql), filter: filter)
        case .npsDistribution:
            return SurveyReport.npsDistribution(try await Self.tallies(scope, by: nil, weeks: [], on: sql))
        case .servqualDimensions, .servqualItems, .servqualScores:
            guard let survey else { throw DomainError.invalid([Self.needsServqual]) }
            return SurveyReport.servqual(report, try await Self.servqual(survey, scope: scope, on: sql))
        case .campaigns:
            var campaigns: SQLQueryString = """
                c.created_at >= \(bind: period.lowerBound) AND c.created_at < \(bind: period.upperBound)
                """
            if let surveyID { campaigns += " AND c.survey_id = \(bind: surveyID)" }
            let invitations: SQLQueryString? = filter.branchID.map { branch in
                "i.customer_id IN (SELECT id FROM customers WHERE branch_id = \(bind: branch))"
            }
            return SurveyReport.campaigns(
                try await SurveyCampaignRepository.rates(where: campaigns, invitations: invitations, on: sql))
        }
    }

    /// The SERVQUAL scores of the survey's answers in `filter`, from which a page builds all three SERVQUAL
    /// reports at once (`SurveyReport.servqual`); the same 400s as `run`.
    public func servqual(filter: ReportFilter, surveyID: UUID) async throws -> ServqualScore {
        let zone = try await settings.get().zone
        guard let survey = try await check(filter, surveyID: surveyID, servqual: true) else {
            throw DomainError.invalid([Self.needsServqual])
        }
        let scope = filter.scope(filter.interval(in: zone), alias: "r", time: "r.created_at")
        return try await Self.servqual(survey, scope: scope + " AND r.survey_id = \(bind: surveyID)", on: db.sql)
    }

    /// Throws a 400 naming `branch_id`, `team_id` or `survey_id` when the filter's branch or team, or the survey,
    /// does not exist — or, where `servqual`, when no SERVQUAL survey is named. Returns the survey.
    @discardableResult
    public func check(_ filter: ReportFilter, surveyID: UUID?, servqual: Bool = false) async throws -> Survey? {
        let sql = db.sql
        var errors: [FieldError] = []
        do {
            try await filter.checkReferences(on: sql)
        } catch DomainError.invalid(let fields) {
            errors = fields
        }
        var survey: Survey?
        if let surveyID {
            do {
                survey = try await SurveyRepository.load(surveyID, on: sql)
            } catch DomainError.notFound(_, _) {
                errors.append(FieldError(field: "survey_id", code: "unknown_survey", message: "No such survey."))
            }
        }
        if servqual, survey?.kind != .servqual, errors.allSatisfy({ $0.field != "survey_id" }) {
            errors.append(Self.needsServqual)
        }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        return survey
    }

    private static let needsServqual = FieldError(
        field: "survey_id", code: "servqual_required",
        message: "The SERVQUAL reports need survey_id of a SERVQUAL survey.")

    /// A survey's figures over every answer it has had, for its page.
    public func summary(of survey: Survey) async throws -> SurveySummary {
        let sql = db.sql
        let scope: SQLQueryString = "r.survey_id = \(bind: survey.id)"
        switch survey.kind {
        case .csat, .nps, .ces:
            var counts: [Int: Int] = [:]
            for tally in try await Self.tallies(scope, by: nil, weeks: [], on: sql) where tally.kind == survey.kind {
                counts[tally.score, default: 0] += tally.count
            }
            return switch survey.kind {
            case .csat: .csat(SurveyScores.csat(counts: counts))
            case .nps: .nps(SurveyScores.nps(counts: counts))
            default: .ces(SurveyScores.ces(counts: counts))
            }
        case .servqual:
            return .servqual(try await Self.servqual(survey, scope: scope, on: sql))
        case .custom:
            struct Count: Decodable { var n: Int }
            let count = try await sql.raw("SELECT COUNT(*) AS n FROM survey_responses r WHERE \(scope)")
                .first(decoding: Count.self)
            return .custom(responses: count?.n ?? 0)
        }
    }

    /// How many CSAT, NPS and CES answers of the scope (on `r`, the responses) gave each score, per group of
    /// `grouping` (nil: one group). Weeks are `(name, first instant)` in order; answers fall in the last week
    /// that starts at or before them.
    private static func tallies(
        _ scope: SQLQueryString, by grouping: SurveyReport.Grouping?, weeks: [(String, Date)], on sql: any SQLDatabase
    ) async throws -> [SurveyReport.Tally] {
        struct Row: Decodable {
            var kind: String
            var score: Int
            var week: Int?
            var group_id: UUID?
            var name: String?
            var n: Int
        }
        var group: SQLQueryString = ""
        var join: SQLQueryString = ""
        switch grouping {
        case nil: break
        case .week:
            // A period of one week is one group; a CASE needs at least one WHEN.
            var week: SQLQueryString = weeks.count > 1 ? "CASE" : "0"
            for (index, start) in weeks.enumerated().dropFirst() {
                week += " WHEN r.created_at < \(bind: start.1) THEN \(literal: index - 1)"
            }
            if weeks.count > 1 { week += " ELSE \(literal: weeks.count - 1) END" }
            group = week + " AS week, "
        case .branch:
            (group, join) = ("r.branch_id AS group_id, g.name AS name, ", "LEFT JOIN branches g ON g.id = r.branch_id")
        case .team:
            (group, join) = ("r.team_id AS group_id, g.name AS name, ", "LEFT JOIN teams g ON g.id = r.team_id")
        case .agent:
            (group, join) = ("r.agent_id AS group_id, g.name AS name, ", "LEFT JOIN users g ON g.id = r.agent_id")
        case .survey:
            (group, join) = ("r.survey_id AS group_id, g.title AS name, ", "LEFT JOIN surveys g ON g.id = r.survey_id")
        }
        let columns = grouping == nil ? 2 : grouping == .week ? 3 : 4
        let rows = try await sql.raw(
            """
            SELECT r.kind, r.score, \(group)COUNT(*) AS n FROM survey_responses r \(join)
            WHERE \(scope) AND r.score IS NOT NULL AND r.kind IN ('csat', 'nps', 'ces')
            GROUP BY \(unsafeRaw: (1...columns).map(String.init).joined(separator: ", "))
            """
        ).all(decoding: Row.self)
        return try rows.map { row in
            guard let kind = SurveyKind(rawValue: row.kind) else {
                throw StoreError.corrupt("A survey response has unknown kind \(row.kind)")
            }
            let key = grouping == .week ? row.week.map { weeks[$0].0 } : row.group_id?.uuidString
            return SurveyReport.Tally(group: key, name: row.name, kind: kind, score: row.score, count: row.n)
        }
    }

    /// The SERVQUAL scores of the answers in the scope, which names the survey. Each answer was checked against the questionnaire
    /// when stored; one that no longer passes (never, short of editing the database) is left out, as the survey's
    /// page has always done.
    static func servqual(_ survey: Survey, scope: SQLQueryString, on sql: any SQLDatabase) async throws
        -> ServqualScore
    {
        struct Row: Decodable {
            var id: UUID
            var answers: String
        }
        let format = survey.servqualFormat
        var responses: [ServqualResponse] = []
        for row in try await sql.raw("SELECT r.id, r.answers FROM survey_responses r WHERE \(scope)")
            .all(decoding: Row.self)
        {
            let response =
                try ServqualResponse(storedJSON: row.answers, respondentID: row.id.uuidString)
                ?? ServqualResponse(
                    fields: StoreJSON.decode([String: SurveyAnswerValue].self, from: row.answers)
                        .compactMapValues(\.number), respondentID: row.id.uuidString)
            guard (try? Servqual.validate(response, format: format)) != nil else { continue }
            responses.append(response)
        }
        return Servqual.score(responses, format: format)
    }
}
