import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Survey reports API and page")
struct SurveyReportAPITests {
    /// Answers `score` to a new invitation of `survey` for `customer` about `ticket`.
    static func answer(
        _ client: some TestClientProtocol, _ app: TestApp, survey: String, customer: String, ticket: String?,
        _ fields: [(String, String)]
    ) async throws {
        let invitation = try await SurveyAPITests.invite(
            client, app, survey: survey, customer: customer, ticket: ticket)
        let (_, visitor) = try await SupportPagesTests.visit(client, invitation.url)
        let answered = try await SupportPagesTests.post(client, invitation.url, fields, as: visitor)
        #expect(answered.status == .seeOther)
    }

    /// A CSAT survey answered 5, 4 and 1 and an NPS survey answered 10 and 3, all about one ticket the agent owns.
    static func seed(_ client: some TestClientProtocol, _ app: TestApp) async throws -> (csat: String, nps: String) {
        let customer = try await TicketAPITests.customer(client, app)
        let ticket = try await client.call(
            .post, "/api/v1/tickets", as: .agent, app: app,
            json: #"{"customer_id": "\#(customer)", "type": "request", "channel": "phone", "subject": "换灯泡"}"#)
        let ticketID = try #require(ticket.body["id"] as? String)
        let csat = try await SurveyAPITests.survey(client, app, #"{"kind": "csat", "title": "满意度"}"#)
        let nps = try await SurveyAPITests.survey(client, app, #"{"kind": "nps", "title": "推荐度"}"#)
        for score in ["5", "4", "1"] {
            try await answer(client, app, survey: csat, customer: customer, ticket: ticketID, [("score", score)])
        }
        for score in ["10", "3"] {
            try await answer(client, app, survey: nps, customer: customer, ticket: nil, [("score", score)])
        }
        return (csat, nps)
    }

    static func rows(_ body: [String: Any]) -> [[String: Any]] { body["rows"] as? [[String: Any]] ?? [] }

    @Test(arguments: Engine.available)
    func scoresTrendAndDistributionCountTheAnswers(engine: Engine) async throws {
        // 2026-03-01T00:00:00Z, a Sunday (08:00 in Asia/Shanghai).
        try await TestApp.run(engine, clock: PurchaseAPITests.clock.clock) { app, client in
            let (csat, _) = try await Self.seed(client, app)
            // MUT
            let scores = try await client.call(.get, "/api/v1/reports/surveys/scores", as: .manager, app: app)
            // validate
            #expect(scores.status == .ok && scores.body["report"] as? String == "scores")
            let answered = try #require(Self.rows(scores.body).first { ($0["csat_responses"] as? Int ?? 0) > 0 })
            #expect(answered["csat_responses"] as? Int == 3 && answered["csat"] as? Double == 66.7)
            #expect(answered["nps_responses"] as? Int == 2 && answered["nps"] as? Double == 0)
            #expect(answered["ces_responses"] as? Int == 0 && answered["ces"] is NSNull)
            #expect(Self.rows(scores.body).allSatisfy { $0["week"] is String })

            let agents = try await client.call(
                .get, "/api/v1/reports/surveys/scores?group_by=agent", as: .admin, app: app)
            let byAgent = Self.rows(agents.body)
            // The CSAT answers were about the agent's ticket; the NPS answers about no ticket, so nobody's.
            #expect(byAgent.count == 2 && byAgent.first?["csat_responses"] as? Int == 3)
            #expect(byAgent.first?["agent"] as? String != nil && byAgent.last?["agent"] is NSNull)
            #expect(byAgent.last?["nps_responses"] as? Int == 2)

            let one = try await client.call(
                .get, "/api/v1/reports/surveys/scores?group_by=survey&survey_id=\(csat)", as: .manager, app: app)
            #expect(Self.rows(one.body).map { $0["survey"] as? String } == ["满意度"])

            let spread = try await client.call(
                .get, "/api/v1/reports/surveys/nps-distribution", as: .manager, app: app)
            let counts = Self.rows(spread.body).map { $0["responses"] as? Int ?? -1 }
            #expect(counts == [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1])

            // A period inside one week is one group (the query has no week boundary to test).
            let oneDay = try await client.call(
                .get, "/api/v1/reports/surveys/scores?from=2026-03-01&to=2026-03-01&format=svg", as: .manager, app: app)
            #expect(oneDay.status == .ok)
            let oneDayJSON = try await client.call(
                .get, "/api/v1/reports/surveys/scores?from=2026-03-01&to=2026-03-01", as: .manager, app: app)
            #expect(Self.rows(oneDayJSON.body).map { $0["csat_responses"] as? Int } == [3])
            let csv = try await SLAReportAPITests.get(client, app, "/api/v1/reports/surveys/trend?format=csv")
            #expect(csv.status == .ok && csv.text.hasPrefix("week,csat_responses,csat,nps_responses,nps,"))
            let svg = try await SLAReportAPITests.get(client, app, "/api/v1/reports/surveys/scores?format=svg")
            #expect(svg.status == .ok && svg.text.hasPrefix("<svg"))
        }
    }

    @Test(arguments: Engine.available)
    func theServqualReportsDescribeOneSurvey(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let customer = try await TicketAPITests.customer(client, app)
            let survey = try await SurveyAPITests.survey(
                client, app, #"{"kind": "servqual", "title": "Quality", "three_column": true}"#)
            try await Self.answer(
                client, app, survey: survey, customer: customer, ticket: nil,
                [("a1", "5"), ("d1", "8"), ("p1", "4"), ("a5", "3"), ("d5", "6"), ("p5", "7")])
            let path = "/api/v1/reports/surveys/servqual-%@?survey_id=\(survey)"
            let dimensions = try await client.call(
                .get, String(format: path, "dimensions"), as: .manager, app: app)
            let tangibles = try #require(Self.rows(dimensions.body).first)
            #expect(tangibles["dimension"] as? String == "tangibles" && tangibles["respondents"] as? Int == 1)
            #expect(tangibles["adequate"] as? Double == 5 && tangibles["perception"] as? Double == 4)
            #expect(tangibles["msa"] as? Double == -1 && tangibles["mss"] as? Double == -4)
            let items = Self.rows(
                try await client.call(.get, String(format: path, "items"), as: .manager, app: app).body)
            #expect(items.count == 22 && items[0]["zone"] as? String == "failure")
            #expect(items[4]["zone"] as? String == "delight" && items[1]["zone"] is NSNull)
            let scores = Self.rows(
                try await client.call(.get, String(format: path, "scores"), as: .manager, app: app).body)
            #expect(scores.map { $0["measure"] as? String } == ["unweighted_score", "weighted_score"])
            let band = try await SLAReportAPITests.get(client, app, String(format: path, "dimensions") + "&format=svg")
            #expect(band.status == .ok && band.text.contains("Tangibles · Perception: 4.00"))

            let manager = try await client.webLogin(.manager)
            let page = try await client.page("/reports/surveys?survey_id=\(survey)", session: manager)
            #expect(page.status == .ok && page.body.contains(#"id="report-servqual-dimensions""#))
            #expect(page.body.contains(#"href="/surveys/\#(survey)">Quality</a>"#))
            #expect(page.body.contains("Below adequate (service failure)"))
        }
    }

    @Test(arguments: Engine.available)
    func campaignsReportTheirResponseRate(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            _ = try await SurveyCampaignTests.customers(client, app)
            let survey = try await SurveyAPITests.survey(client, app, #"{"kind": "nps", "title": "推荐度"}"#)
            let launched = try await client.call(
                .post, "/api/v1/surveys/\(survey)/campaigns", as: .manager, app: app,
                json: #"{"name": "VIP 年度", "segment": {"tier": "VIP"}}"#)
            let url = try #require((launched.body["links"] as? [[String: Any]])?.first?["url"] as? String)
            let (_, visitor) = try await SupportPagesTests.visit(client, url)
            _ = try await SupportPagesTests.post(client, url, [("score", "9")], as: visitor)
            let report = try await client.call(.get, "/api/v1/reports/surveys/campaigns", as: .manager, app: app)
            let rows = Self.rows(report.body)
            #expect(rows.count == 1 && rows.first?["campaign"] as? String == "VIP 年度")
            #expect(rows.first?["invited"] as? Int == 2 && rows.first?["answered"] as? Int == 1)
            #expect(rows.first?["response_rate"] as? Double == 50 && rows.first?["survey"] as? String == "推荐度")
        }
    }

    @Test(arguments: Engine.available)
    func badChoicesAre400AndOnlyManagersRead(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let (csat, _) = try await Self.seed(client, app)
            for (query, field) in [
                ("scores?group_by=day", "group_by"), ("scores?survey_id=nope", "survey_id"),
                ("scores?survey_id=\(UUID().uuidString)", "survey_id"), ("servqual-items", "survey_id"),
                ("servqual-dimensions?survey_id=\(csat)", "survey_id"), ("trend?from=2026-13-01", "from"),
                ("campaigns?branch_id=\(UUID().uuidString)", "branch_id"), ("scores?format=xml", "format"),
            ] {
                let bad = try await client.call(.get, "/api/v1/reports/surveys/\(query)", as: .manager, app: app)
                #expect(bad.status == .badRequest, "\(query)")
                #expect(bad.headers[.contentType] == "application/problem+json", "\(query)")
                #expect("\(bad.body)".contains(field), "\(query)")
            }
            let unknown = try await client.call(.get, "/api/v1/reports/surveys/nps-by-moon", as: .manager, app: app)
            #expect(unknown.status == .notFound)
            let agent = try await client.call(.get, "/api/v1/reports/surveys/scores", as: .agent, app: app)
            #expect(agent.status == .forbidden)

            let manager = try await client.webLogin(.manager)
            let page = try await client.page("/reports/surveys", session: manager)
            #expect(page.status == .ok)
            for report in SurveyReport.allCases where !report.isServqual {
                #expect(page.body.contains(#"id="report-\#(report.rawValue)""#), "\(report)")
            }
            #expect(page.body.contains("No SERVQUAL survey to report on"))
            #expect(page.body.contains(#"href="/reports/surveys""#))
            let bad = try await client.page("/reports/surveys?group_by=day&survey_id=nope", session: manager)
            #expect(bad.status == .badRequest && bad.body.contains("There is no such survey."))
            let agentPage = try await client.page("/reports/surveys", session: try await client.webLogin(.agent))
            #expect(agentPage.status == .forbidden)
        }
    }
}
