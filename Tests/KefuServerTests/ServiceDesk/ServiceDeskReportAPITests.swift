import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Service-desk reports API and page")
struct ServiceDeskReportAPITests {
    static let november = "from=2026-11-01&to=2026-11-30"

    /// A JSON value as the CSV writes it.
    static func plain(_ value: Any?) -> String {
        switch value {
        case let text as String: text
        case let number as NSNumber:
            number.doubleValue == number.doubleValue.rounded() ? String(number.intValue) : "\(number.doubleValue)"
        default: ""
        }
    }

    static func csv(
        _ client: some TestClientProtocol, _ app: TestApp, _ uri: String, accept: String? = nil
    ) async throws -> (status: HTTPResponse.Status, text: String, headers: HTTPFields) {
        var headers = app.headers(.manager, json: false)
        if let accept { headers[.accept] = accept }
        return try await client.execute(uri: uri, method: .get, headers: headers) {
            ($0.status, String(buffer: $0.body), $0.headers)
        }
    }

    @Test(arguments: Engine.available)
    func jsonCSVAndThePageShowTheSameFigures(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            _ = try await ServiceDeskReportSeed.seed(app.database)
            let session = try await client.webLogin(.manager)
            let page = try await client.page("/reports/service-desk?\(Self.november)", session: session)
            #expect(page.status == .ok)
            for report in ServiceDeskReport.allCases {
                let path = "/api/v1/reports/service-desk/\(report.rawValue)?\(Self.november)"
                // MUT
                let json = try await client.call(.get, path, as: .manager, app: app)
                let csv = try await Self.csv(client, app, path + "&format=csv")
                // validate
                #expect(json.status == .ok, "\(report)")
                #expect(json.body["report"] as? String == report.rawValue)
                let filter = try #require(json.body["filter"] as? [String: Any])
                #expect(filter["from"] as? String == "2026-11-01" && filter["to"] as? String == "2026-11-30")
                #expect(filter["time_zone"] as? String == "Asia/Shanghai" && filter["branch_id"] is NSNull)
                let keys = try #require((json.body["columns"] as? [[String: Any]])?.compactMap { $0["key"] as? String })
                let rows = try #require(json.body["rows"] as? [[String: Any]])
                #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(
                    csv.headers[.contentDisposition]
                        == "attachment; filename=\"\(report.rawValue)_2026-11-01_2026-11-30.csv\"")
                let records = try CSV.records(in: csv.text).map { $0.fields.map(CSV.unprotectFormula) }
                #expect(records.first == keys, "\(report)")
                #expect(
                    Array(records.dropFirst()) == rows.map { row in keys.map { Self.plain(row[$0]) } }, "\(report)")
                #expect(page.body.contains(#"id="report-\#(report.rawValue)""#))
                let link =
                    "/api/v1/reports/service-desk/\(report.rawValue)?format=csv&amp;from=2026-11-01&amp;to=2026-11-30"
                #expect(page.body.contains(#"href="\#(link)""#), "\(report)")
            }
            // The page shows the same cells, as people read them.
            for shown in [
                "Waiting for customer", "33.3%", "1:00:00", "1:48:00", "12:00:00", "40:48:00", "Compressor failure",
                "75%", "2026-11-20", "≤ 24 h", "10–20",
            ] {
                #expect(page.body.contains(shown), "\(shown)")
            }
            let accepted = try await Self.csv(
                client, app, "/api/v1/reports/service-desk/tickets-by-type?\(Self.november)", accept: "text/csv")
            #expect(accepted.text.hasPrefix("type,tickets,share\r\ninquiry,1,16.7\r\n"))
        }
    }

    @Test(arguments: Engine.available)
    func filtersNarrowAndBadParametersAreNamed(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let seed = try await ServiceDeskReportSeed.seed(app.database)
            let base = "/api/v1/reports/service-desk/tickets-by-type?\(Self.november)"
            let branch = try await client.call(.get, base + "&branch_id=\(seed.branchID)", as: .manager, app: app)
            #expect((branch.body["rows"] as? [[String: Any]])?.map { $0["tickets"] as? Int } == [1, 0, 1, 0])
            #expect((branch.body["filter"] as? [String: Any])?["branch_id"] as? String == seed.branchID.uuidString)
            let team = try await client.call(.get, base + "&team_id=\(seed.teamID)", as: .admin, app: app)
            #expect((team.body["rows"] as? [[String: Any]])?.map { $0["tickets"] as? Int } == [1, 0, 0, 0])
            for (query, field) in [
                ("from=2026-11-31", "from"), ("from=2026-11-02&to=2026-11-01", "to"), ("to=yesterday", "to"),
                ("from=2024-01-01&to=2025-06-01", "from"), ("branch_id=nope", "branch_id"),
                ("branch_id=\(UUID())", "branch_id"), ("team_id=\(UUID())", "team_id"), ("format=xml", "format"),
            ] {
                let bad = try await client.call(
                    .get, "/api/v1/reports/service-desk/tickets-by-status?\(query)", as: .manager, app: app)
                #expect(bad.status == .badRequest, "\(query)")
                #expect(bad.headers[.contentType] == "application/problem+json", "\(query)")
                #expect((bad.body["errors"] as? [[String: Any]])?.first?["field"] as? String == field, "\(query)")
            }
            let unknown = try await client.call(.get, "/api/v1/reports/service-desk/everything", as: .manager, app: app)
            #expect(unknown.status == .notFound)
            let defaults = try await client.call(
                .get, "/api/v1/reports/service-desk/silent-majority", as: .manager, app: app)
            let filter = try #require(defaults.body["filter"] as? [String: Any])
            let from = try #require(CalendarDay(dateOnly: filter["from"] as? String ?? ""))
            let to = try #require(CalendarDay(dateOnly: filter["to"] as? String ?? ""))
            #expect(to.dayNumber - from.dayNumber == 29)
        }
    }

    @Test(arguments: Engine.available)
    func onlyManagersAndAdminsSeeReports(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let path = "/api/v1/reports/service-desk/tickets-by-status"
            #expect(try await client.call(.get, path, as: .agent, app: app).status == .forbidden)
            #expect(try await client.call(.get, path + "?format=csv", as: .agent, app: app).status == .forbidden)
            #expect(try await client.call(.get, path, as: .admin, app: app).status == .ok)
            try await client.expectUnauthorized(
                [(HTTPRequest.Method.get, path), (.get, path + "?format=csv")], app: app)
            let agent = try await client.webLogin(.agent)
            #expect(try await client.page("/reports/service-desk", session: agent).status == .forbidden)
            #expect(!(try await client.page("/customers", session: agent).body.contains("/reports/service-desk")))
            let manager = try await client.webLogin(.manager)
            #expect(
                try await client.page("/customers", session: manager).body.contains(#"href="/reports/service-desk""#))
            let anonymous = try await client.page("/reports/service-desk")
            #expect(anonymous.status == .seeOther && anonymous.location == "/login")
        }
    }

    @Test(arguments: Engine.available)
    func thePageEscapesEveryValueAndSpeaksChinese(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let seed = try await ServiceDeskReportSeed.seed(app.database)
            let session = try await client.webLogin(.admin, language: "zh-Hans")
            let page = try await client.page("/reports/service-desk?\(Self.november)", session: session)
            #expect(page.status == .ok)
            #expect(!page.body.contains("<b>态度差</b>"))
            #expect(page.body.contains("=1+1 &lt;b&gt;态度差&lt;/b&gt;"))
            #expect(page.body.contains("服务 &amp; &quot;礼仪&quot;"))
            for text in ["客服报表", "投诉根本原因", "沉默的大多数", "等待客户", "压缩机故障", "累计占比", "<svg"] {
                #expect(page.body.contains(text), "\(text)")
            }
            // Seven charted service-desk reports and the SLA compliance trend.
            #expect(page.body.components(separatedBy: "<svg").count - 1 == 8)
            #expect(page.body.contains(#"<option value="\#(seed.branchID.uuidString)">静安店</option>"#))
            let bad = try await client.page("/reports/service-desk?from=2026-02-30&team_id=\(UUID())", session: session)
            #expect(bad.status == .badRequest)
            #expect(bad.body.contains("from：请使用 2026-12-01 这样的日期。"))
            #expect(bad.body.contains(#"id="report-silent-majority""#))
        }
    }
}
