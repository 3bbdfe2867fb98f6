import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
@testable import KefuStore
import KefuTestSupport
import SQLKit
import Testing

@Suite("Surveys API")
struct SurveyAPITests {
    static func survey(_ client: some TestClientProtocol, _ app: TestApp, _ json: String) async throws -> String {
        let made = try await client.call(.post, "/api/v1/surveys", as: .manager, app: app, json: json)
        #expect(made.status == .created)
        return try #require(made.body["id"] as? String)
    }

    static func invite(
        _ client: some TestClientProtocol, _ app: TestApp, survey: String, customer: String, ticket: String? = nil
    ) async throws -> (id: String, url: String) {
        let ticketMember = ticket.map { #", "ticket_id": "\#($0)""# } ?? ""
        let made = try await client.call(
            .post, "/api/v1/surveys/\(survey)/invitations", as: .agent, app: app,
            json: #"{"customer_id": "\#(customer)"\#(ticketMember)}"#)
        #expect(made.status == .created)
        return (try #require(made.body["id"] as? String), try #require(made.body["url"] as? String))
    }

    static func count(_ app: TestApp, _ table: String) async throws -> Int {
        struct Row: Decodable { var n: Int }
        return try await app.database.db.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first(
            decoding: Row.self)?.n ?? 0
    }

    @Test(arguments: Engine.available)
    func managersMakeSurveysAgentsReadThem(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let created = try await client.call(
                .post, "/api/v1/surveys", as: .manager, app: app,
                json: #"{"kind": "nps", "title": "How are we doing?", "title_zh": "我们做得怎么样？"}"#)
            #expect(created.status == .created)
            let id = try #require(created.body["id"] as? String)
            #expect(created.headers[.location] == "/api/v1/surveys/\(id)")
            #expect(created.body["kind"] as? String == "nps" && created.body["active"] as? Bool == true)
            let listed = try await client.call(.get, "/api/v1/surveys?kind=nps", as: .agent, app: app)
            #expect((listed.body["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
            let off = try await client.call(
                .patch, "/api/v1/surveys/\(id)", as: .admin, app: app, json: #"{"active": false}"#)
            #expect(off.status == .ok && off.body["active"] as? Bool == false && off.body["title"] as? String != nil)
            let kindChange = try await client.call(
                .patch, "/api/v1/surveys/\(id)", as: .admin, app: app, json: #"{"kind": "csat"}"#)
            #expect(kindChange.status == .badRequest)
            let custom = try await client.call(
                .post, "/api/v1/surveys", as: .manager, app: app,
                json: #"""
                    {"kind": "custom", "title": "Room", "questions": [
                      {"key": "clean", "type": "scale", "text": {"en": "How clean was the room?", "zh": "房间干净吗？"}},
                      {"key": "again", "type": "choice", "text": {"zh": "还会再来吗？"}, "choices": ["会", "不会"],
                       "required": true}]}
                    """#)
            #expect(custom.status == .created)
            let questions = custom.body["questions"] as? [[String: Any]]
            #expect(questions?.first?["min"] as? Int == 1 && questions?.first?["max"] as? Int == 5)
            let denied = try await client.call(
                .post, "/api/v1/surveys", as: .agent, app: app, json: #"{"kind": "csat", "title": "x"}"#)
            #expect(denied.status == .forbidden)
            let anonymous = try await client.call(.get, "/api/v1/surveys", as: nil, app: app)
            #expect(anonymous.status == .unauthorized)
            let missing = try await client.call(
                .get, "/api/v1/surveys/00000000-0000-0000-0000-000000000009", as: .agent, app: app)
            #expect(missing.status == .notFound)
        }
    }

    @Test(arguments: Engine.available)
    func badSurveysAre400AndWriteNothing(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let bad = try await client.call(
                .post, "/api/v1/surveys", as: .manager, app: app,
                json: #"""
                    {"kind": "custom", "title": " ", "questions": [
                      {"key": "score", "type": "choice", "text": {"en": "?"}, "choices": ["only"]}]}
                    """#)
            #expect(bad.status == .badRequest)
            let fields = (bad.body["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(fields == ["title", "questions[0].key", "questions[0].choices"])
            let noKind = try await client.call(
                .post, "/api/v1/surveys", as: .manager, app: app, json: #"{"title": "x"}"#)
            #expect(noKind.status == .badRequest)
            let wrongKind = try await client.call(
                .post, "/api/v1/surveys", as: .manager, app: app, json: #"{"kind": "stars", "title": "x"}"#)
            #expect(wrongKind.status == .badRequest)
            let questionsOnCSAT = try await client.call(
                .post, "/api/v1/surveys", as: .manager, app: app,
                json:
                    #"{"kind": "csat", "title": "x", "questions": [{"key": "a", "type": "text", "text": {"en": "?"}}]}"#
            )
            #expect(questionsOnCSAT.status == .badRequest)
            #expect(try await Self.count(app, "surveys") == 0)
        }
    }

    @Test(arguments: Engine.available)
    func agentsInviteAndRevokeAndReadResponses(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let customer = try await TicketAPITests.customer(client, app)
            let survey = try await Self.survey(client, app, #"{"kind": "csat", "title": "Thanks"}"#)
            let invitation = try await Self.invite(client, app, survey: survey, customer: customer)
            #expect(invitation.url.hasPrefix("/s/") && invitation.url.count == 3 + SignedLink.tokenLength)
            let shown = try await client.call(
                .get, "/api/v1/survey-invitations/\(invitation.id)", as: .agent, app: app)
            #expect(shown.body["status"] as? String == "pending" && shown.body["url"] == nil)
            #expect(shown.body["customer_id"] as? String == customer)
            let timeline = try await client.call(
                .get, "/api/v1/customers/\(customer)/timeline", as: .agent, app: app)
            let kinds = (timeline.body["items"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
            #expect(kinds?.contains("survey.invited") == true)

            let revoked = try await client.call(
                .delete, "/api/v1/survey-invitations/\(invitation.id)", as: .agent, app: app)
            #expect(revoked.status == .noContent)
            let after = try await client.call(
                .get, "/api/v1/survey-invitations/\(invitation.id)", as: .agent, app: app)
            #expect(after.body["status"] as? String == "revoked")
            #expect(try await client.page(invitation.url).status == .notFound)

            let responses = try await client.call(.get, "/api/v1/surveys/\(survey)/responses", as: .agent, app: app)
            #expect(responses.status == .ok && (responses.body["items"] as? [Any])?.isEmpty == true)
            #expect(responses.body["next_cursor"] is NSNull)
            let anonymous = try await client.call(
                .get, "/api/v1/surveys/\(survey)/responses", as: nil, app: app)
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test(arguments: Engine.available)
    func badInvitationsAre4xxAndWriteNothing(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let customer = try await TicketAPITests.customer(client, app)
            let other = try await TicketAPITests.customer(client, app)
            let survey = try await Self.survey(client, app, #"{"kind": "csat", "title": "Thanks"}"#)
            let ticket = try await client.call(
                .post, "/api/v1/tickets", as: .agent, app: app,
                json: #"{"customer_id": "\#(other)", "type": "inquiry", "channel": "phone", "subject": "?"}"#)
            let ticketID = try #require(ticket.body["id"] as? String)
            let unknownCustomer = try await client.call(
                .post, "/api/v1/surveys/\(survey)/invitations", as: .agent, app: app,
                json: #"{"customer_id": "00000000-0000-0000-0000-000000000009"}"#)
            #expect(unknownCustomer.status == .badRequest)
            let othersTicket = try await client.call(
                .post, "/api/v1/surveys/\(survey)/invitations", as: .agent, app: app,
                json: #"{"customer_id": "\#(customer)", "ticket_id": "\#(ticketID)"}"#)
            #expect(othersTicket.status == .badRequest)
            let fields = (othersTicket.body["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(fields == ["ticket_id"])
            let noSurvey = try await client.call(
                .post, "/api/v1/surveys/00000000-0000-0000-0000-000000000009/invitations", as: .agent, app: app,
                json: #"{"customer_id": "\#(customer)"}"#)
            #expect(noSurvey.status == .notFound)
            _ = try await client.call(
                .patch, "/api/v1/surveys/\(survey)", as: .manager, app: app, json: #"{"active": false}"#)
            let inactive = try await client.call(
                .post, "/api/v1/surveys/\(survey)/invitations", as: .agent, app: app,
                json: #"{"customer_id": "\#(customer)"}"#)
            #expect(inactive.status == .conflict)
            let anonymous = try await client.call(
                .post, "/api/v1/surveys/\(survey)/invitations", as: nil, app: app,
                json: #"{"customer_id": "\#(customer)"}"#)
            #expect(anonymous.status == .unauthorized)
            #expect(try await Self.count(app, "survey_invitations") == 0)
            #expect(try await Self.count(app, "signed_links") == 0)
        }
    }
}
