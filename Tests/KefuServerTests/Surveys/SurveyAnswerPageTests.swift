import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Survey answer page")
struct SurveyAnswerPageTests {
    typealias Visitor = SupportPagesTests.Visitor

    static func responses(_ client: some TestClientProtocol, _ app: TestApp, _ survey: String) async throws
        -> [[String: Any]]
    {
        try await client.call(.get, "/api/v1/surveys/\(survey)/responses", as: .agent, app: app).body["items"]
            as? [[String: Any]] ?? []
    }

    /// A customer with a ticket owned by the agent, a CSAT survey and an invitation about the ticket.
    static func invited(_ client: some TestClientProtocol, _ app: TestApp, kind: String = "csat") async throws
        -> (customer: String, ticket: String, survey: String, url: String)
    {
        let customer = try await TicketAPITests.customer(client, app)
        let ticket = try await client.call(
            .post, "/api/v1/tickets", as: .agent, app: app,
            json: #"{"customer_id": "\#(customer)", "type": "request", "channel": "phone", "subject": "换灯泡"}"#)
        let ticketID = try #require(ticket.body["id"] as? String)
        let survey = try await SurveyAPITests.survey(client, app, #"{"kind": "\#(kind)", "title": "回访问卷"}"#)
        let invitation = try await SurveyAPITests.invite(
            client, app, survey: survey, customer: customer, ticket: ticketID)
        return (customer, ticketID, survey, invitation.url)
    }

    @Test(arguments: Engine.available)
    func aLowCSATIsStoredOnceAndOpensAFollowUpForTheTicketOwner(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let (customer, ticket, survey, url) = try await Self.invited(client, app)
            let (form, visitor) = try await SupportPagesTests.visit(client, url, language: "zh-CN,zh;q=0.9")
            #expect(form.status == .ok && form.body.contains(#"<html lang="zh-Hans">"#))
            #expect(form.body.contains("您对本次服务的满意程度如何？") && form.body.contains(#"name="score" value="5""#))
            #expect(form.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")

            let outOfRange = try await SupportPagesTests.post(client, url, [("score", "6")], as: visitor)
            #expect(outOfRange.status == .badRequest && outOfRange.body.contains(#"id="survey-title""#))
            #expect(try await Self.responses(client, app, survey).isEmpty)

            let answered = try await SupportPagesTests.post(
                client, url, [("score", "1"), ("reason", "等了<b>两天</b>")], as: visitor)
            #expect(answered.status == .seeOther && answered.location == url + "?flash=survey_thanks")
            let thanks = try await client.page(answered.location ?? "", language: "en")
            #expect(thanks.status == .ok && thanks.body.contains("Thank you for your answer!"))

            let stored = try await Self.responses(client, app, survey)
            #expect(stored.count == 1)
            #expect(stored.first?["score"] as? Int == 1 && stored.first?["reason"] as? String == "等了<b>两天</b>")
            #expect(stored.first?["customer_id"] as? String == customer && stored.first?["answers"] is [String: Any])
            #expect(stored.first?["invitation_id"] as? String != nil && stored.first?["created_at"] as? String != nil)

            let again = try await SupportPagesTests.post(client, url, [("score", "5")], as: visitor)
            #expect(again.status == .conflict && again.body.contains(#"id="survey-state""#))
            let bare = try await client.submit(url, [("score", "5")], session: nil, csrf: "")
            #expect(bare.status == .conflict)
            #expect(try await Self.responses(client, app, survey).count == 1)

            let timeline = try await client.call(.get, "/api/v1/customers/\(customer)/timeline", as: .agent, app: app)
            let kinds = (timeline.body["items"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } ?? []
            #expect(kinds.filter { $0 == "survey.answered" }.count == 1)
            let health = try await client.call(.get, "/api/v1/customers/\(customer)/health", as: .agent, app: app)
            let movements = health.body["movements"] as? [[String: Any]]
            #expect(movements?.compactMap { $0["kind"] as? String }.contains("csat_low") == true)

            let tasks = try await client.call(
                .get, "/api/v1/follow-ups?customer_id=\(customer)", as: .agent, app: app)
            let task = try #require((tasks.body["items"] as? [[String: Any]])?.first)
            #expect(task["plan_id"] is NSNull && task["ticket_id"] as? String == ticket)
            #expect(task["trigger_kind"] as? String == "survey" && task["status"] as? String == "due")
            let owner = try await client.call(.get, "/api/v1/tickets/\(ticket)", as: .agent, app: app).body["owner_id"]
            #expect(task["assignee_id"] as? String == owner as? String && owner is String)
            let today = CalendarDay(app.database.clock.now(), in: TimeZone(identifier: "Asia/Shanghai")!)
            #expect(task["due_on"] as? String == today.description)
            #expect(((task["script"] as? [String: Any])?["en"] as? String)?.contains("CSAT 1/5") == true)
        }
    }

    @Test(arguments: Engine.available)
    func forgedRevokedAndExpiredLinksStoreNothing(engine: Engine) async throws {
        let time = TestClock(Date(timeIntervalSince1970: 1_893_456_000))
        try await TestApp.run(engine, clock: time.clock) { app, client in
            let (_, _, survey, url) = try await Self.invited(client, app)
            let (_, visitor) = try await SupportPagesTests.visit(client, url)
            let forged = "/s/" + String(repeating: "A", count: SignedLink.tokenLength)
            #expect(try await client.page(forged).status == .notFound)
            #expect(try await SupportPagesTests.post(client, forged, [("score", "5")], as: visitor).status == .notFound)
            #expect(try await client.page("/s/short").status == .notFound)

            time.advance(by: 31 * 86_400)
            let expired = try await client.page(url, language: "en")
            #expect(expired.status == .gone && expired.body.contains("expired"))
            #expect(try await SupportPagesTests.post(client, url, [("score", "5")], as: visitor).status == .gone)
            #expect(try await Self.responses(client, app, survey).isEmpty)
        }
    }

    @Test(arguments: Engine.available)
    func npsPromotersCountInHealthAndDetractorsMayOpenAComplaint(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let patched = try await client.call(
                .patch, "/api/v1/settings", as: .admin, app: app, json: #"{"surveys": {"recovery": "complaint"}}"#)
            #expect(
                patched.status == .ok && (patched.body["surveys"] as? [String: Any])?["link_expiry_days"] as? Int == 30)
            let (customer, ticket, survey, url) = try await Self.invited(client, app, kind: "nps")
            let (_, visitor) = try await SupportPagesTests.visit(client, url)
            let answered = try await SupportPagesTests.post(
                client, url, [("score", "3"), ("reason", "太慢")], as: visitor)
            #expect(answered.status == .seeOther, "\(answered.body)")
            let tickets = try await client.call(
                .get, "/api/v1/tickets?customer_id=\(customer)", as: .agent, app: app)
            let complaint = try #require(
                (tickets.body["items"] as? [[String: Any]])?.first { $0["type"] as? String == "complaint" })
            #expect(complaint["subject"] as? String == "Low survey score: NPS 3/10")
            let complaintID = try #require(complaint["id"] as? String)
            let links = try await client.call(.get, "/api/v1/tickets/\(complaintID)/links", as: .agent, app: app)
            #expect((links.body["items"] as? [[String: Any]])?.first?["ticket_id"] as? String == ticket)
            let tasks = try await client.call(.get, "/api/v1/follow-ups?customer_id=\(customer)", as: .agent, app: app)
            #expect((tasks.body["items"] as? [Any])?.isEmpty == true)

            let promoter = try await SurveyAPITests.invite(client, app, survey: survey, customer: customer)
            let (_, other) = try await SupportPagesTests.visit(client, promoter.url)
            _ = try await SupportPagesTests.post(client, promoter.url, [("score", "10")], as: other)
            let health = try await client.call(.get, "/api/v1/customers/\(customer)/health", as: .agent, app: app)
            let kinds = (health.body["movements"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } ?? []
            #expect(kinds.contains("promoter") && kinds.contains("detractor"))
        }
    }

    @Test(arguments: Engine.available)
    func customSurveysCheckEachQuestion(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let customer = try await TicketAPITests.customer(client, app)
            let survey = try await SurveyAPITests.survey(
                client, app,
                #"""
                {"kind": "custom", "title": "Room", "title_zh": "客房", "questions": [
                  {"key": "clean", "type": "scale", "text": {"en": "How clean?", "zh": "干净吗？"}, "min": 0, "max": 10},
                  {"key": "again", "type": "choice", "text": {"en": "Come again?"}, "choices": ["yes", "no"],
                   "required": true},
                  {"key": "note", "type": "text", "text": {"en": "Anything else?"}}]}
                """#)
            let invitation = try await SurveyAPITests.invite(client, app, survey: survey, customer: customer)
            let (form, visitor) = try await SupportPagesTests.visit(client, invitation.url, language: "zh-CN")
            #expect(form.body.contains("客房") && form.body.contains("干净吗？") && form.body.contains("Come again?"))
            let missing = try await SupportPagesTests.post(
                client, invitation.url, [("q_clean", "11")], as: visitor)
            #expect(missing.status == .badRequest && missing.body.components(separatedBy: "field-error").count == 3)
            let answered = try await SupportPagesTests.post(
                client, invitation.url, [("q_clean", "9"), ("q_again", "yes"), ("q_note", "")], as: visitor)
            #expect(answered.status == .seeOther)
            let stored = try await Self.responses(client, app, survey)
            let answers = stored.first?["answers"] as? [String: Any]
            #expect(answers?["q_clean"] as? Int == 9 && answers?["q_again"] as? String == "yes" && answers?.count == 2)
            #expect(stored.first?["score"] is NSNull)
        }
    }
}

@Suite("Survey answer page: SERVQUAL")
struct ServqualAnswerPageTests {
    @Test(arguments: Engine.available)
    func aServqualAnswerKeepsItsRatingsAndPoints(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let customer = try await TicketAPITests.customer(client, app)
            let survey = try await SurveyAPITests.survey(client, app, #"{"kind": "servqual", "title": "服务质量"}"#)
            let invitation = try await SurveyAPITests.invite(client, app, survey: survey, customer: customer)
            let (form, visitor) = try await SupportPagesTests.visit(client, invitation.url, language: "zh-CN")
            #expect(
                form.body.contains("有形度") && form.body.contains(#"name="e22""#)
                    && form.body.contains(#"name="w_empathy""#))
            let points = [
                ("w_tangibles", "10"), ("w_reliability", "30"), ("w_responsiveness", "20"),
                ("w_assurance", "20"),
            ]
            let short = try await SupportPagesTests.post(
                client, invitation.url, [("e1", "7"), ("p1", "5")] + points + [("w_empathy", "10")], as: visitor)
            #expect(short.status == .badRequest && short.body.contains("The five points must add up to 100."))
            let outOfRange = try await SupportPagesTests.post(client, invitation.url, [("e1", "8")], as: visitor)
            #expect(outOfRange.status == .badRequest)
            #expect(try await SurveyAnswerPageTests.responses(client, app, survey).isEmpty)
            let answered = try await SupportPagesTests.post(
                client, invitation.url, [("e1", "7"), ("p1", "5"), ("p2", "6")] + points + [("w_empathy", "20")],
                as: visitor)
            #expect(answered.status == .seeOther)
            let stored = try await SurveyAnswerPageTests.responses(client, app, survey)
            let answers = stored.first?["answers"] as? [String: Any]
            #expect(answers?["e1"] as? Int == 7 && answers?["p2"] as? Int == 6 && answers?["w_empathy"] as? Int == 20)
            #expect(
                answers?["e2"] == nil && stored.first?["score"] is NSNull
                    && stored.first?["language"] as? String == "en")
        }
    }

    @Test(arguments: Engine.available)
    func theThreeColumnFormRefusesAnAdequateLevelAboveTheDesiredOne(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let customer = try await TicketAPITests.customer(client, app)
            let survey = try await SurveyAPITests.survey(
                client, app, #"{"kind": "servqual", "title": "Quality", "three_column": true, "importance": false}"#)
            let invitation = try await SurveyAPITests.invite(client, app, survey: survey, customer: customer)
            let (form, visitor) = try await SupportPagesTests.visit(client, invitation.url, language: "en")
            #expect(form.body.contains(#"name="a1""#) && form.body.contains(#"<option value="9""#))
            #expect(!form.body.contains(#"name="e1""#) && !form.body.contains(#"name="w_empathy""#))
            let inverted = try await SupportPagesTests.post(
                client, invitation.url, [("a1", "8"), ("d1", "6"), ("p1", "7")], as: visitor)
            #expect(inverted.status == .badRequest && inverted.body.contains("cannot be above the level you desire"))
            let answered = try await SupportPagesTests.post(
                client, invitation.url, [("a1", "5"), ("d1", "8"), ("p1", "7")], as: visitor)
            #expect(answered.status == .seeOther)
        }
    }
}
