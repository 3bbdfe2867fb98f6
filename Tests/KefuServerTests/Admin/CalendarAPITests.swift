import Foundation
import HTTPTypes
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

@Suite("Calendar API")
struct CalendarAPITests {
    static let split = #"""
        {"time_zone": "Asia/Shanghai",
         "weekly": {"mon": [["09:00","12:00"],["13:00","18:00"]], "tue": [["09:00","12:00"],["13:00","18:00"]],
                    "wed": [["09:00","12:00"],["13:00","18:00"]], "thu": [["09:00","12:00"],["13:00","18:00"]],
                    "fri": [["09:00","12:00"],["13:00","18:00"]]},
         "holidays": ["2026-02-16"], "extra_workdays": ["2026-02-14"]}
        """#
    static let bad = #"{"time_zone": "Mars/Base", "weekly": {"mon": [["09:00","09:00"]]}, "holidays": ["16.2.2026"]}"#

    static func fields(_ body: [String: Any]) -> [String] {
        ((body["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String }
    }

    @Test(arguments: Engine.available)
    func theDefaultCalendarIsReadByStaffAndWrittenByAdmins(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let standard = try await client.call(.get, "/api/v1/calendar", as: .agent, app: app)
            #expect(standard.status == .ok && standard.body["time_zone"] as? String == "Asia/Shanghai")
            let weekly = try #require(standard.body["weekly"] as? [String: [[String]]])
            #expect(weekly["mon"] == [["09:00", "18:00"]] && weekly["sun"] == [])
            let bad = try await client.call(.put, "/api/v1/calendar", as: .admin, app: app, json: Self.bad)
            #expect(bad.status == .badRequest)
            #expect(Self.fields(bad.body) == ["time_zone", "weekly.mon[0]", "holidays[0]"])
            #expect(
                try await CalendarRepository(app.database).businessDefault()
                    == .standard(in: .init(identifier: "Asia/Shanghai")!))
            #expect(
                try await client.call(.put, "/api/v1/calendar", as: .manager, app: app, json: Self.split).status
                    == .forbidden)
            // MUT
            let saved = try await client.call(.put, "/api/v1/calendar", as: .admin, app: app, json: Self.split)
            // validate
            #expect(saved.status == .ok && saved.body["holidays"] as? [String] == ["2026-02-16"])
            let read = try await client.call(.get, "/api/v1/calendar", as: .agent, app: app)
            #expect(
                (read.body["weekly"] as? [String: [[String]]])?["mon"] == [["09:00", "12:00"], ["13:00", "18:00"]])
            #expect(read.body["extra_workdays"] as? [String] == ["2026-02-14"])
        }
    }

    @Test(arguments: Engine.available)
    func aBranchCalendarIsItsBusinessHours(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let created = try await client.call(
                .post, "/api/v1/branches", as: .admin, app: app,
                json: #"{"name": "静安店", "business_hours": {"sat": "10:00-16:00"}}"#)
            let id = try #require(created.body["id"] as? String)
            let path = "/api/v1/branches/\(id)/calendar"
            let calendar = try await client.call(.get, path, as: .agent, app: app)
            #expect(calendar.status == .ok)
            #expect((calendar.body["weekly"] as? [String: [[String]]])?["sat"] == [["10:00", "16:00"]])
            let bad = try await client.call(.put, path, as: .admin, app: app, json: Self.bad)
            #expect(bad.status == .badRequest && Self.fields(bad.body).count == 3)
            #expect(
                try await client.call(.get, path, as: .agent, app: app).body["weekly"] as? NSDictionary
                    == calendar.body["weekly"] as? NSDictionary)
            let unknown = "/api/v1/branches/00000000-0000-0000-0000-000000000009/calendar"
            #expect(try await client.call(.get, unknown, as: .agent, app: app).status == .notFound)
            #expect(try await client.call(.put, unknown, as: .admin, app: app, json: Self.split).status == .notFound)
            #expect(try await client.call(.put, path, as: .manager, app: app, json: Self.split).status == .forbidden)
            #expect(try await client.call(.put, path, as: nil, app: app, json: Self.split).status == .unauthorized)
            // MUT
            let saved = try await client.call(.put, path, as: .admin, app: app, json: Self.split)
            // validate
            #expect(saved.status == .ok && saved.body["holidays"] as? [String] == ["2026-02-16"])
            let branch = try await client.call(.get, "/api/v1/branches/\(id)", as: .agent, app: app)
            let hours = try #require(branch.body["business_hours"] as? [String: Any])
            #expect(hours["mon"] as? String == "09:00-18:00" && hours["sat"] is NSNull)
        }
    }

    @Test(arguments: Engine.available)
    func previewGivesWhatCalcDuePrints(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let path = "/api/v1/sla-policies/preview"
            let given = try await client.call(
                .post, path, as: .admin, app: app,
                json: #"{"calendar": \#(Self.split), "from": "2026-01-30T17:00:00+08:00", "minutes": 240}"#)
            #expect(given.status == .ok, "\(given.body)")
            #expect(
                given.body["due"] as? String == "2026-02-02T04:00:00Z" && given.body["business_minutes"] as? Int == 240)
            let created = try await client.call(
                .post, "/api/v1/branches", as: .admin, app: app, json: #"{"name": "静安店"}"#)
            let id = try #require(created.body["id"] as? String)
            _ = try await client.call(.put, "/api/v1/branches/\(id)/calendar", as: .admin, app: app, json: Self.split)
            let paused = try await client.call(
                .post, path, as: .admin, app: app,
                json: #"""
                    {"branch_id": "\#(id)", "from": "2026-01-30T17:00:00+08:00", "minutes": 240,
                     "pauses": [{"from": "2026-02-02T09:00:00+08:00", "to": "2026-02-02T10:00:00+08:00"}]}
                    """#)
            #expect(paused.body["due"] as? String == "2026-02-02T06:00:00Z", "\(paused.body)")
            let both = try await client.call(
                .post, path, as: .admin, app: app,
                json:
                    #"{"calendar": \#(Self.split), "branch_id": "\#(id)", "from": "2026-01-30T17:00:00+08:00", "minutes": 1}"#
            )
            #expect(both.status == .badRequest && Self.fields(both.body) == ["calendar"])
            let neither = try await client.call(
                .post, path, as: .admin, app: app,
                json:
                    #"{"from": "2026-01-30 17:00", "minutes": 1, "pauses": [{"from": "2026-01-30T17:00:00Z", "to": "x"}]}"#
            )
            #expect(neither.status == .badRequest)
            #expect(Self.fields(neither.body) == ["calendar", "from", "pauses[0].to"])
            let badCalendar = try await client.call(
                .post, path, as: .admin, app: app,
                json: #"{"calendar": \#(Self.bad), "from": "2026-01-30T17:00:00+08:00", "minutes": 1}"#)
            #expect(
                Self.fields(badCalendar.body) == [
                    "calendar.time_zone", "calendar.weekly.mon[0]", "calendar.holidays[0]",
                ])
            #expect(
                try await client.call(
                    .post, path, as: .manager, app: app,
                    json: #"{"calendar": \#(Self.split), "from": "2026-01-30T17:00:00+08:00", "minutes": 1}"#
                ).status == .forbidden)
        }
    }
}
