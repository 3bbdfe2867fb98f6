import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("SLA reports API and page")
struct SLAReportAPITests {
    static let november = ServiceDeskReportAPITests.november

    /// The app with `SLAReportSeed`'s tickets, its clock at the start of December.
    static func withSeed(
        _ engine: Engine, _ body: @Sendable (TestApp, any TestClientProtocol, SLAReportSeed) async throws -> Void
    ) async throws {
        let clock = TestClock()
        try await TestApp.run(engine, clock: clock.clock) { app, client in
            let seed = try await SLAReportSeed.seed(app.database, clock: clock)
            try await body(app, client, seed)
        }
    }

    static func get(
        _ client: some TestClientProtocol, _ app: TestApp, _ uri: String, as role: Role = .manager,
        language: String? = nil
    ) async throws -> (status: HTTPResponse.Status, text: String, headers: HTTPFields) {
        var headers = app.headers(role, json: false)
        if let language { headers[.acceptLanguage] = language }
        return try await client.execute(uri: uri, method: .get, headers: headers) {
            ($0.status, String(buffer: $0.body), $0.headers)
        }
    }

    @Test(arguments: Engine.available)
    func jsonCSVSVGAndThePageShowTheSameFigures(engine: Engine) async throws {
        try await Self.withSeed(engine) { app, client, _ in
            let session = try await client.webLogin(.manager)
            let page = try await client.page("/reports/sla?\(Self.november)", session: session)
            #expect(page.status == .ok)
            for report in SLAReport.allCases {
                let path = "/api/v1/reports/sla/\(report.rawValue)?\(Self.november)"
                // MUT
                let json = try await client.call(.get, path, as: .manager, app: app)
                let csv = try await Self.get(client, app, path + "&format=csv")
                let svg = try await Self.get(client, app, path + "&format=svg")
                // validate
                #expect(json.status == .ok, "\(report)")
                #expect(json.body["report"] as? String == report.rawValue)
                #expect((json.body["filter"] as? [String: Any])?["time_zone"] as? String == "Asia/Shanghai")
                let keys = try #require((json.body["columns"] as? [[String: Any]])?.compactMap { $0["key"] as? String })
                let rows = try #require(json.body["rows"] as? [[String: Any]])
                #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(
                    csv.headers[.contentDisposition]
                        == "attachment; filename=\"\(report.rawValue)_2026-11-01_2026-11-30.csv\"")
                let records = try CSV.records(in: csv.text).map { $0.fields.map(CSV.unprotectFormula) }
                #expect(records.first == keys, "\(report)")
                #expect(
                    Array(records.dropFirst())
                        == rows.map { row in keys.map { ServiceDeskReportAPITests.plain(row[$0]) } }, "\(report)")
                if report == .breaches {
                    #expect(svg.status == .badRequest)
                    #expect(svg.headers[.contentType] == "application/problem+json")
                    #expect(svg.text.contains(#""field":"format""#))
                } else {
                    #expect(svg.status == .ok, "\(report)")
                    #expect(svg.headers[.contentType] == "image/svg+xml; charset=utf-8")
                    #expect(svg.text.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""), "\(report)")
                }
                #expect(page.body.contains(#"id="report-\#(report.rawValue)""#))
                let link =
                    "/api/v1/reports/sla/\(report.rawValue)?format=csv&amp;"
                    + (report == .compliance ? "group_by=period&amp;" : "") + "from=2026-11-01&amp;to=2026-11-30"
                #expect(page.body.contains(#"href="\#(link)""#), "\(report)")
            }
            let compliance = try await client.call(
                .get, "/api/v1/reports/sla/compliance?\(Self.november)&group_by=tier", as: .admin, app: app)
            let tiers = try #require(compliance.body["rows"] as? [[String: Any]]).map { row in
                ["tier", "tickets", "compliance"].map { ServiceDeskReportAPITests.plain(row[$0]) }
            }
            #expect(tiers == [["VIP", "2", "50"], ["gold", "0", ""], ["standard", "3", "33.3"]])
            let times = try await client.call(
                .get, "/api/v1/reports/sla/times?\(Self.november)", as: .manager, app: app)
            #expect(
                (times.body["columns"] as? [[String: Any]])?.map { $0["kind"] as? String } == [
                    "text", "count", "minutes", "minutes",
                ])
            #expect((times.body["rows"] as? [[String: Any]])?.first?["p90"] as? Int == 63)
            // The page shows the same cells as people read them: minutes as h:mm, instants in local time.
            for shown in ["0:25", "1:03", "3:00", "3:21", "2026-11-05 10:31", "Next reply", "Agent B", "50%"] {
                #expect(page.body.contains(shown), "\(shown)")
            }
            let byBranch = try await client.page("/reports/sla?\(Self.november)&group_by=branch", session: session)
            #expect(byBranch.body.contains(#"<option value="branch" selected>"#))
            #expect(byBranch.body.contains("夜间店") && byBranch.body.contains("33.3%"))
            #expect(byBranch.body.contains("group_by=branch&amp;from=2026-11-01"))
        }
    }

    @Test(arguments: Engine.available)
    func theDashboardDrawsTheTrendAndSVGSpeaksTheRequestsLanguage(engine: Engine) async throws {
        try await Self.withSeed(engine) { app, client, _ in
            let session = try await client.webLogin(.manager)
            // MUT
            let dashboard = try await client.page("/reports/service-desk?\(Self.november)", session: session)
            let chinese = try await Self.get(
                client, app, "/api/v1/reports/sla/trend?\(Self.november)&format=svg", language: "zh-CN")
            let english = try await Self.get(client, app, "/api/v1/reports/sla/trend?\(Self.november)&format=svg")
            let pareto = try await Self.get(
                client, app, "/api/v1/reports/service-desk/tickets-by-day?\(Self.november)&format=svg")
            // validate
            #expect(dashboard.status == .ok)
            #expect(dashboard.body.contains(#"id="report-trend""#))
            #expect(dashboard.body.contains(#"href="/reports/sla?from=2026-11-01&amp;to=2026-11-30""#))
            #expect(chinese.text.contains("每日 SLA 达标率") && chinese.text.contains(">100%</text>"))
            #expect(english.text.contains("SLA compliance per day"))
            #expect(pareto.status == .ok && pareto.text.contains("<polyline"))
            let silent = try await Self.get(
                client, app, "/api/v1/reports/service-desk/silent-majority?\(Self.november)&format=svg")
            #expect(silent.status == .badRequest)
        }
    }

    @Test(arguments: Engine.available)
    func badParametersAreNamed(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            for (query, field) in [
                ("group_by=customer", "group_by"), ("format=xml", "format"), ("from=2026-11-31", "from"),
                ("from=2026-11-02&to=2026-11-01", "to"), ("branch_id=nope", "branch_id"),
                ("team_id=\(UUID())", "team_id"),
            ] {
                let bad = try await client.call(.get, "/api/v1/reports/sla/compliance?\(query)", as: .manager, app: app)
                #expect(bad.status == .badRequest, "\(query)")
                #expect(bad.headers[.contentType] == "application/problem+json", "\(query)")
                #expect((bad.body["errors"] as? [[String: Any]])?.first?["field"] as? String == field, "\(query)")
            }
            let unknown = try await client.call(.get, "/api/v1/reports/sla/everything", as: .manager, app: app)
            #expect(unknown.status == .notFound)
            let session = try await client.webLogin(.manager)
            let page = try await client.page("/reports/sla?group_by=customer&from=2026-02-30", session: session)
            #expect(page.status == .badRequest)
            #expect(page.body.contains("group_by: choose one of the groupings listed."))
            #expect(page.body.contains("from: use a date such as 2026-12-01."))
            #expect(page.body.contains(#"id="report-trend""#))
        }
    }

    @Test(arguments: Engine.available)
    func onlyManagersAndAdminsSeeSLAReports(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let path = "/api/v1/reports/sla/compliance"
            #expect(try await client.call(.get, path, as: .agent, app: app).status == .forbidden)
            #expect(try await client.call(.get, path + "?format=svg", as: .agent, app: app).status == .forbidden)
            #expect(try await client.call(.get, path, as: .admin, app: app).status == .ok)
            #expect(try await client.call(.get, path + "?group_by=agent", as: .manager, app: app).status == .ok)
            try await client.expectUnauthorized(
                [(HTTPRequest.Method.get, path), (.get, "/api/v1/reports/sla/breaches?format=csv")], app: app)
            let agent = try await client.webLogin(.agent)
            #expect(try await client.page("/reports/sla", session: agent).status == .forbidden)
            #expect(!(try await client.page("/customers", session: agent).body.contains("/reports/sla")))
            let manager = try await client.webLogin(.manager)
            #expect(try await client.page("/customers", session: manager).body.contains(#"href="/reports/sla""#))
            let anonymous = try await client.page("/reports/sla")
            #expect(anonymous.status == .seeOther && anonymous.location == "/login")
        }
    }

    @Test(arguments: Engine.available)
    func thePageSpeaksChinese(engine: Engine) async throws {
        try await Self.withSeed(engine) { _, client, seed in
            let session = try await client.webLogin(.admin, language: "zh-Hans")
            let page = try await client.page("/reports/sla?\(Self.november)&group_by=priority", session: session)
            #expect(page.status == .ok)
            for text in ["SLA 报表", "SLA 达标率", "首次响应与解决用时（工作时间）", "SLA 违约记录", "下次回复", "紧急", "按优先级", "<svg"] {
                #expect(page.body.contains(text), "\(text)")
            }
            // Compliance, times and the trend are charted; the breaches are a list.
            #expect(page.body.components(separatedBy: "<svg").count - 1 == 3)
            #expect(page.body.contains(#"<option value="\#(seed.branchB.uuidString)">夜间店</option>"#))
        }
    }
}
