import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Survey campaigns")
struct SurveyCampaignTests {
    /// Three customers: two VIPs (one tagged 车主) and a standard one.
    static func customers(_ client: some TestClientProtocol, _ app: TestApp) async throws -> [String] {
        var ids: [String] = []
        for body in [
            #"{"name": "甲", "tier": "VIP", "tags": ["车主"]}"#, #"{"name": "乙", "tier": "VIP"}"#,
            #"{"name": "丙", "tier": "standard"}"#,
        ] {
            let made = try await client.call(.post, "/api/v1/customers", as: .agent, app: app, json: body)
            ids.append(try #require(made.body["id"] as? String))
        }
        return ids
    }

    @Test(arguments: Engine.available)
    func aCampaignInvitesItsSegmentOnceEachAndCountsTheRate(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let ids = try await Self.customers(client, app)
            let survey = try await SurveyAPITests.survey(client, app, #"{"kind": "nps", "title": "推荐度"}"#)
            let launched = try await client.call(
                .post, "/api/v1/surveys/\(survey)/campaigns", as: .manager, app: app,
                json: #"{"name": "VIP 年度", "segment": {"tier": "VIP"}}"#)
            #expect(launched.status == .created && launched.body["invited"] as? Int == 2)
            let links = launched.body["links"] as? [[String: Any]] ?? []
            #expect(Set(links.compactMap { $0["customer_id"] as? String }) == Set(ids.prefix(2)))
            let url = try #require(links.first?["url"] as? String)
            let (_, visitor) = try await SupportPagesTests.visit(client, url)
            _ = try await SupportPagesTests.post(client, url, [("score", "9")], as: visitor)

            let tagged = try await client.call(
                .post, "/api/v1/surveys/\(survey)/campaigns", as: .admin, app: app,
                json: #"{"name": "车主", "segment": {"tier": "VIP", "tag": "车主"}}"#)
            #expect(tagged.body["invited"] as? Int == 1)
            let listed = try await client.call(.get, "/api/v1/surveys/\(survey)/campaigns", as: .agent, app: app)
            let items = listed.body["items"] as? [[String: Any]] ?? []
            #expect(items.map { $0["name"] as? String } == ["车主", "VIP 年度"])
            #expect(items.last?["answered"] as? Int == 1 && items.last?["response_rate"] as? Double == 50)
            #expect(items.first?["response_rate"] as? Double == 0)
        }
    }

    @Test(arguments: Engine.available)
    func badCampaignsAre4xxAndInviteNobody(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            _ = try await Self.customers(client, app)
            let survey = try await SurveyAPITests.survey(client, app, #"{"kind": "nps", "title": "推荐度"}"#)
            let bad = try await client.call(
                .post, "/api/v1/surveys/\(survey)/campaigns", as: .manager, app: app,
                json: #"{"name": " ", "segment": {"tier": "platinum", "purchased_within_days": 0}}"#)
            #expect(bad.status == .badRequest)
            let fields = (bad.body["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(fields == ["name", "segment.tier", "segment.purchased_within_days"])
            let denied = try await client.call(
                .post, "/api/v1/surveys/\(survey)/campaigns", as: .agent, app: app, json: #"{"name": "x"}"#)
            #expect(denied.status == .forbidden)
            let anonymous = try await client.call(.get, "/api/v1/surveys/\(survey)/campaigns", as: nil, app: app)
            #expect(anonymous.status == .unauthorized)
            let missing = try await client.call(
                .post, "/api/v1/surveys/00000000-0000-0000-0000-000000000009/campaigns", as: .manager, app: app,
                json: #"{"name": "x"}"#)
            #expect(missing.status == .notFound)
            #expect(try await SurveyAPITests.count(app, "survey_invitations") == 0)
            #expect(try await SurveyAPITests.count(app, "survey_campaigns") == 0)
        }
    }

    @Test(arguments: Engine.available)
    func theSurveyPageSendsACampaignAndHandsOverTheLinks(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            _ = try await Self.customers(client, app)
            let survey = try await SurveyAPITests.survey(client, app, #"{"kind": "servqual", "title": "服务质量"}"#)
            let manager = try await client.webLogin(.manager)
            let refused = try await client.submit(
                "/surveys/\(survey)/campaigns", [("name", ""), ("purchased_within_days", "x")], session: manager)
            #expect(refused.status == .unprocessableContent && refused.body.contains(#"id="campaign-form""#))
            let csv = try await client.submit(
                "/surveys/\(survey)/campaigns", [("name", "全体"), ("tier", ""), ("stage", "new")], session: manager)
            #expect(csv.status == .created && csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = csv.body.split(separator: "\r\n")
            #expect(lines.first == "customer_id,name,phone,email,link" && lines.count == 4)
            #expect(lines.dropFirst().allSatisfy { $0.contains("/s/") })
            let page = try await client.page("/surveys/\(survey)", session: manager)
            #expect(page.body.contains("全体"))
        }
    }
}
