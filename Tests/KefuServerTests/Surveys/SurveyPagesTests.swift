import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Survey staff pages")
struct SurveyPagesTests {
    @Test(arguments: Engine.available)
    func managersAddSurveysAndAgentsSeeTheirResults(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let manager = try await client.webLogin(.manager, language: "zh-Hans")
            let list = try await client.page("/surveys", session: manager)
            #expect(list.status == .ok && list.body.contains(#"id="new-survey""#))
            let bad = try await client.submit(
                "/surveys", [("kind", "custom"), ("title", "客房"), ("questions", "stars | Clean?")], session: manager)
            #expect(bad.status == .unprocessableContent && bad.body.contains("questions[0].type"))
            let made = try await client.submit(
                "/surveys",
                [
                    ("kind", "custom"), ("title", "Room"), ("title_zh", "客房"),
                    ("questions", "*choice | Come again? | 还会再来吗？ | 会; 不会\nscale 0-10 | Clean? | 干净吗？"),
                ],
                session: manager)
            #expect(made.status == .seeOther)
            let path = try #require(made.location?.split(separator: "?").first.map(String.init))
            let survey = try await client.call(
                .get, "/api/v1/surveys/\(path.split(separator: "/").last ?? "")", as: .agent, app: app)
            let questions = survey.body["questions"] as? [[String: Any]]
            #expect(
                questions?.first?["choices"] as? [String] == ["会", "不会"]
                    && questions?.first?["required"] as? Bool == true)
            #expect(questions?.last?["max"] as? Int == 10)

            let agent = try await client.webLogin(.agent)
            let page = try await client.page(path, session: agent)
            #expect(
                page.status == .ok && page.body.contains(#"id="survey-figures""#)
                    && !page.body.contains(#"id="survey-toggle""#))
            let denied = try await client.submit(
                "/surveys", [("kind", "csat"), ("title", "x")], session: agent)
            #expect(denied.status == .forbidden)
            let deniedToggle = try await client.submit(path, [("active", "false")], session: agent)
            #expect(deniedToggle.status == .forbidden)
            let agentList = try await client.page("/surveys", session: agent)
            #expect(agentList.body.contains("Room") && !agentList.body.contains(#"id="new-survey""#))
        }
    }

    @Test(arguments: Engine.available)
    func agentsMakeLinksFromTheSurveyAndTheTicket(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let (customer, ticket, survey, _) = try await SurveyAnswerPageTests.invited(client, app)
            let agent = try await client.webLogin(.agent)
            let fromSurvey = try await client.submit(
                "/surveys/\(survey)/invite", [("customer_id", "/customers/\(customer)")], session: agent)
            #expect(fromSurvey.status == .created && fromSurvey.body.contains(#"id="issued-survey-link""#))
            let ticketPage = try await client.page("/tickets/\(ticket)", session: agent)
            #expect(ticketPage.body.contains(#"action="/tickets/\#(ticket)/survey""#))
            let fromTicket = try await client.submit(
                "/tickets/\(ticket)/survey", [("survey_id", survey)], session: agent)
            #expect(fromTicket.status == .created && fromTicket.body.contains("/s/"))
            let noCustomer = try await client.submit("/surveys/\(survey)/invite", [("customer_id", "")], session: agent)
            #expect(noCustomer.status == .seeOther && noCustomer.location?.contains("survey_invite_customer") == true)
            let unknown = try await client.submit(
                "/surveys/\(survey)/invite", [("customer_id", UUID().uuidString)], session: agent)
            #expect(unknown.location?.contains("survey_invite_refused") == true)
            let invitations = try await SurveyAutoCSATTests.invitations(client, app, "survey_id=\(survey)")
            #expect(invitations.count == 3)

            let results = try await client.page("/surveys/\(survey)", session: agent)
            #expect(results.status == .ok && results.body.contains("CSAT"))
        }
    }

    @Test(arguments: Engine.available)
    func theServqualPageShowsTheGapsByDimension(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let customer = try await TicketAPITests.customer(client, app)
            let survey = try await SurveyAPITests.survey(client, app, #"{"kind": "servqual", "title": "Quality"}"#)
            let invitation = try await SurveyAPITests.invite(client, app, survey: survey, customer: customer)
            let (_, visitor) = try await SupportPagesTests.visit(client, invitation.url)
            _ = try await SupportPagesTests.post(
                client, invitation.url, [("e1", "7"), ("p1", "4"), ("e5", "6"), ("p5", "6")], as: visitor)
            let agent = try await client.webLogin(.agent)
            let page = try await client.page("/surveys/\(survey)", session: agent)
            #expect(page.body.contains(#"id="servqual-dimensions""#) && page.body.contains("-3.00"))
            #expect(page.body.contains("Tangibles") && page.body.contains("Empathy"))
        }
    }

    @Test(arguments: Engine.available)
    func adminsSetTheSurveySettingsOnTheSettingsPage(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let survey = try await SurveyAPITests.survey(client, app, #"{"kind": "csat", "title": "满意度"}"#)
            let admin = try await client.webLogin(.admin)
            let page = try await client.page("/admin/settings", session: admin)
            #expect(page.body.contains(#"id="survey-settings""#) && page.body.contains(#"value="\#(survey)""#))
            let base = [
                ("business_name", "店"), ("time_zone", "Asia/Shanghai"), ("currency", "CNY"), ("phone_region", "CN"),
                ("tiers", "VIP\ngold\nstandard"), ("surveys.form", "1"),
            ]
            let bad = try await client.submit(
                "/admin/settings",
                base + [("surveys.link_expiry_days", "0"), ("surveys.csat_delay_minutes", "soon")], session: admin)
            #expect(bad.status == .unprocessableContent && bad.body.contains("Enter a whole number."))
            #expect(try await SettingsRepository(app.database).get().surveys == SurveySettings())
            let saved = try await client.submit(
                "/admin/settings",
                base + [
                    ("surveys.link_expiry_days", "14"), ("surveys.csat_delay_minutes", "30"),
                    ("surveys.csat_survey_id", survey), ("surveys.recovery", "complaint"),
                ], session: admin)
            #expect(saved.status == .seeOther)
            let stored = try await SettingsRepository(app.database).get().surveys
            #expect(
                stored
                    == SurveySettings(
                        linkExpiryDays: 14, autoCSAT: false, csatDelayMinutes: 30,
                        csatSurveyID: UUID(uuidString: survey), recovery: .complaint))
        }
    }

    @Test(arguments: Engine.available)
    func theThreeColumnPageDrawsTheZoneOfTolerance(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let customer = try await TicketAPITests.customer(client, app)
            let survey = try await SurveyAPITests.survey(
                client, app, #"{"kind": "servqual", "title": "Quality", "three_column": true}"#)
            let invitation = try await SurveyAPITests.invite(client, app, survey: survey, customer: customer)
            let (_, visitor) = try await SupportPagesTests.visit(client, invitation.url)
            let answered = try await SupportPagesTests.post(
                client, invitation.url, [("a1", "5"), ("d1", "8"), ("p1", "4"), ("a5", "3"), ("d5", "6"), ("p5", "7")],
                as: visitor)
            #expect(answered.status == .seeOther)
            let agent = try await client.webLogin(.agent)
            let page = try await client.page("/surveys/\(survey)", session: agent)
            #expect(page.body.contains(#"id="zone-chart"><svg"#) && page.body.contains("Tangibles · Perception: 4.00"))
            let failures = try #require(page.body.range(of: #"<ul id="servqual-failures">"#))
            let delights = try #require(page.body.range(of: #"<ul id="servqual-delights">"#))
            #expect(page.body[failures.upperBound..<delights.lowerBound].contains("1. has modern-looking equipment"))
            #expect(page.body[delights.upperBound...].contains("5. keeps the promises it makes to customers"))
        }
    }
}
