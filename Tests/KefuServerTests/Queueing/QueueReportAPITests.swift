import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Walk-in queue reports API and page")
struct QueueReportAPITests {
    /// The app with `QueueReportSeed`'s tickets.
    static func withSeed(
        _ engine: Engine, _ body: @Sendable (TestApp, any TestClientProtocol, QueueReportSeed) async throws -> Void
    ) async throws {
        try await TestApp.run(engine) { app, client in
            try await body(app, client, try await QueueReportSeed.seed(app.database))
        }
    }

    static func query(_ seed: QueueReportSeed) -> String {
        "branch_id=\(seed.branch.uuidString)&\(QueueReportSeed.period)"
    }

    @Test(arguments: Engine.available)
    func jsonCSVSVGAndThePageShowTheSameFigures(engine: Engine) async throws {
        try await Self.withSeed(engine) { app, client, seed in
            let session = try await client.webLogin(.manager)
            let page = try await client.page("/queue/reports?\(Self.query(seed))", session: session)
            #expect(page.status == .ok)
            for report in QueueReport.allCases {
                let path = "/api/v1/queue/reports/\(report.rawValue)?\(Self.query(seed))"
                // MUT
                let json = try await client.call(.get, path, as: .manager, app: app)
                let csv = try await SLAReportAPITests.get(client, app, path + "&format=csv")
                let svg = try await SLAReportAPITests.get(client, app, path + "&format=svg")
                // validate
                #expect(json.status == .ok, "\(report)")
                #expect(json.body["report"] as? String == report.rawValue)
                let filter = try #require(json.body["filter"] as? [String: Any])
                #expect(filter["time_zone"] as? String == "Asia/Shanghai")
                #expect(filter["branch_id"] as? String == seed.branch.uuidString)
                let keys = try #require((json.body["columns"] as? [[String: Any]])?.compactMap { $0["key"] as? String })
                let rows = try #require(json.body["rows"] as? [[String: Any]])
                #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(
                    csv.headers[.contentDisposition]
                        == "attachment; filename=\"\(report.rawValue)_2026-11-02_2026-11-03.csv\"")
                let records = try CSV.records(in: csv.text).map { $0.fields.map(CSV.unprotectFormula) }
                #expect(records.first == keys, "\(report)")
                #expect(
                    Array(records.dropFirst())
                        == rows.map { row in keys.map { ServiceDeskReportAPITests.plain(row[$0]) } }, "\(report)")
                if report == .accuracy {
                    #expect(svg.status == .badRequest && svg.headers[.contentType] == "application/problem+json")
                } else {
                    #expect(svg.status == .ok, "\(report)")
                    #expect(svg.headers[.contentType] == "image/svg+xml; charset=utf-8")
                    #expect(svg.text.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""), "\(report)")
                }
                #expect(page.body.contains(#"id="report-\#(report.rawValue)""#), "\(report)")
                let link =
                    "/api/v1/queue/reports/\(report.rawValue)?format=csv&amp;from=2026-11-02&amp;to=2026-11-03"
                    + "&amp;branch_id=\(seed.branch.uuidString)"
                #expect(page.body.contains(#"href="\#(link)""#), "\(report)")
            }
            let waits = try await client.call(
                .get, "/api/v1/queue/reports/waits-by-service?\(Self.query(seed))", as: .admin, app: app)
            let deposits = try #require((waits.body["rows"] as? [[String: Any]])?.first)
            #expect(deposits["service"] as? String == "存款" && deposits["tickets"] as? Int == 4)
            #expect(deposits["mean"] as? Int == 540 && deposits["p90"] as? Int == 810)
            #expect(deposits["above_target"] as? Double == 25)
            // The page reads seconds as h:mm:ss and shows the English name on an English page.
            for shown in ["0:09:00", "0:13:30", "0:30:00", "VIP desk", "25%", "王芳", "Mean absolute error (minutes)"] {
                #expect(page.body.contains(shown), "\(shown)")
            }
        }
    }

    @Test(arguments: Engine.available)
    func thePageTakesTheFirstBranchAndSpeaksChinese(engine: Engine) async throws {
        try await Self.withSeed(engine) { _, client, seed in
            let session = try await client.webLogin(.admin, language: "zh-Hans")
            // MUT
            let page = try await client.page("/queue/reports?\(QueueReportSeed.period)", session: session)
            // validate
            #expect(page.status == .ok)
            #expect(page.body.contains(#"<option value="\#(seed.branch.uuidString)" selected>静安支行</option>"#))
            #expect(!page.body.contains(#"name="team_id""#))
            for text in ["排队报表", "各时段到达人数", "平均绝对误差（分钟）", "过号率", "开放窗口与建议窗口数（Erlang C）", "贵宾", "快速业务"] {
                #expect(page.body.contains(text), "\(text)")
            }
            // Every report but the accuracy headline is charted.
            #expect(page.body.components(separatedBy: "<svg").count - 1 == QueueReport.allCases.count - 1)
        }
    }

    @Test(arguments: Engine.available)
    func badParametersAreNamed(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let branch = try await client.call(
                .post, "/api/v1/branches", as: .admin, app: app, json: #"{"name": "静安支行"}"#)
            let id = try #require(branch.body["id"] as? String)
            let audit = try await client.call(.get, "/api/v1/audit", as: .admin, app: app)
            for (query, field) in [
                ("", "branch_id"), ("branch_id=nope", "branch_id"), ("branch_id=\(UUID())", "branch_id"),
                ("branch_id=\(id)&format=xml", "format"), ("branch_id=\(id)&from=2026-11-31", "from"),
                ("branch_id=\(id)&from=2026-11-02&to=2026-11-01", "to"),
                ("branch_id=\(id)&from=2025-01-01&to=2026-11-01", "from"),
            ] {
                let bad = try await client.call(
                    .get, "/api/v1/queue/reports/waits-by-class?\(query)", as: .manager, app: app)
                #expect(bad.status == .badRequest, "\(query)")
                #expect(bad.headers[.contentType] == "application/problem+json", "\(query)")
                #expect((bad.body["errors"] as? [[String: Any]])?.first?["field"] as? String == field, "\(query)")
            }
            let unknown = try await client.call(
                .get, "/api/v1/queue/reports/everything?branch_id=\(id)", as: .manager, app: app)
            #expect(unknown.status == .notFound)
            // Reading reports writes nothing.
            let after = try await client.call(.get, "/api/v1/audit", as: .admin, app: app)
            #expect((after.body["items"] as? [Any])?.count == (audit.body["items"] as? [Any])?.count)
            let session = try await client.webLogin(.manager)
            let page = try await client.page("/queue/reports?branch_id=\(UUID())&from=2026-02-30", session: session)
            #expect(page.status == .badRequest)
            #expect(page.body.contains("from: use a date such as 2026-12-01."))
            #expect(page.body.contains(#"<option value="\#(id)" selected>"#))
            #expect(page.body.contains(#"id="report-arrivals""#))
        }
    }

    @Test(arguments: Engine.available)
    func withoutABranchThePageSaysSo(engine: Engine) async throws {
        try await TestApp.run(engine) { _, client in
            let session = try await client.webLogin(.manager, language: "en")
            let page = try await client.page("/queue/reports", session: session)
            #expect(page.status == .badRequest)
            #expect(
                page.body.contains("Choose a branch.") && page.body.contains("Add a branch to report on its queue."))
            #expect(!page.body.contains("<svg"))
        }
    }

    @Test(arguments: Engine.available)
    func onlyManagersAndAdminsSeeQueueReports(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let path = "/api/v1/queue/reports/staffing"
            #expect(try await client.call(.get, path, as: .agent, app: app).status == .forbidden)
            #expect(try await client.call(.get, path + "?format=csv", as: .agent, app: app).status == .forbidden)
            try await client.expectUnauthorized(
                [(HTTPRequest.Method.get, path), (.get, "/api/v1/queue/reports/no-shows?format=svg")], app: app)
            let agent = try await client.webLogin(.agent)
            #expect(try await client.page("/queue/reports", session: agent).status == .forbidden)
            #expect(!(try await client.page("/customers", session: agent).body.contains("/queue/reports")))
            let manager = try await client.webLogin(.manager)
            #expect(try await client.page("/customers", session: manager).body.contains(#"href="/queue/reports""#))
            let anonymous = try await client.page("/queue/reports")
            #expect(anonymous.status == .seeOther && anonymous.location == "/login")
        }
    }
}
