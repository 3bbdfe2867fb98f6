import Foundation
import HummingbirdTesting
import KefuCore
@testable import KefuServer
@testable import KefuStore
import KefuTestSupport
import SQLKit
import Testing

/// The follow-up pages on both databases: an agent's list and one-click outcomes, the plan editor, and the
/// manager's results.
@Suite("Web: follow-up pages")
struct FollowUpPagesTests {
    /// A customer with a phone, a ticket the agent logged (so they own the customer's follow-ups) and the
    /// two tasks of `FollowUpAPITests.plan` (today and in 3 days), earliest first.
    static func agentsTasks(_ app: TestApp, _ client: some TestClientProtocol) async throws -> (
        customer: String, tasks: [String]
    ) {
        _ = try await client.call(
            .post, "/api/v1/follow-up-plans", as: .manager, app: app, json: FollowUpAPITests.plan)
        let customer = try await client.call(
            .post, "/api/v1/customers", as: .agent, app: app, json: #"{"name": "王小明", "phones": ["13800138000"]}"#)
        let customerID = try #require(customer.body["id"] as? String)
        _ = try await client.call(
            .post, "/api/v1/tickets", as: .agent, app: app,
            json: #"{"customer_id": "\#(customerID)", "type": "inquiry", "channel": "phone", "subject": "问价"}"#)
        try await FollowUpAPITests.drain(app)
        let listed = try await client.call(.get, "/api/v1/follow-ups?customer_id=\(customerID)", as: .agent, app: app)
        return (customerID, FollowUpAPITests.items(listed).compactMap { $0["id"] as? String })
    }

    @Test(arguments: Engine.available)
    func anAgentRecordsOutcomesFromTheirListAndIssueFoundOpensTheTicket(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let (customerID, tasks) = try await Self.agentsTasks(app, client)
            #expect(tasks.count == 2)
            let agent = try await client.webLogin(.agent, language: "zh-Hans")
            let list = try await client.page("/follow-ups", session: agent)
            #expect(list.status == .ok && list.body.contains("我的回访"))
            #expect(list.body.contains("王小明") && list.body.contains(#"href="tel:+8613800138000""#))
            #expect(list.body.contains("欢迎") && list.body.contains("电话回访") && list.body.contains("新客户回访"))
            #expect(list.body.contains(#"id="follow-ups-today""#) && list.body.contains(#"id="follow-ups-upcoming""#))

            let bad = try await client.submit("/follow-ups/\(tasks[0])", [("action", "maybe")], session: agent)
            #expect(bad.status == .badRequest)
            let saved = try await client.submit(
                "/follow-ups/\(tasks[0])", [("action", "satisfied"), ("note", "很满意"), ("back", "/follow-ups")],
                session: agent)
            #expect(saved.status == .seeOther && saved.location == "/follow-ups?flash=follow_up_saved")
            let done = try await FollowUpRepository(app.database).get(try #require(UUID(uuidString: tasks[0])))
            #expect(done.status == .done && done.outcome == .satisfied && done.note == "很满意")
            let health = try await client.call(.get, "/api/v1/customers/\(customerID)/health", as: .agent, app: app)
            let kinds = (health.body["movements"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
            #expect(kinds?.contains("follow_up_satisfied") == true)

            let found = try await client.submit(
                "/follow-ups/\(tasks[1])",
                [("action", "issue_found"), ("note", "热水器又坏了"), ("back", "https://evil.test")],
                session: agent)
            #expect(found.status == .seeOther)
            let task = try await FollowUpRepository(app.database).get(try #require(UUID(uuidString: tasks[1])))
            let ticket = try #require(task.ticketID)
            #expect(found.location == "/tickets/\(ticket.uuidString)?flash=follow_up_ticket_opened")
            let page = try await client.page(try #require(found.location), session: agent)
            #expect(page.status == .ok && page.body.contains("回访结果已记录"))
            let after = try await client.page("/follow-ups", session: agent)
            #expect(after.body.contains("暂无待办回访"))
        }
    }

    @Test(arguments: Engine.available)
    func agentsRecordOnlyTheirOwnAndManagersLookAtAnyonesList(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let (_, tasks) = try await Self.agentsTasks(app, client)
            let manager = try #require(
                try await UserRepository(app.database).list(limit: 10, cursor: nil).items.first { $0.role == .manager })
            let agentID = try #require(
                try await UserRepository(app.database).list(limit: 10, cursor: nil).items.first { $0.role == .agent }?
                    .id)
            try await app.database.db.sql.update("follow_up_tasks").set("assignee_id", to: manager.id)
                .where("id", .equal, try #require(UUID(uuidString: tasks[0]))).run()
            let agent = try await client.webLogin(.agent)
            let denied = try await client.submit("/follow-ups/\(tasks[0])", [("action", "neutral")], session: agent)
            #expect(denied.status == .forbidden)
            #expect(
                try await FollowUpRepository(app.database).get(try #require(UUID(uuidString: tasks[0]))).status == .due)
            let ownList = try await client.page("/follow-ups?assignee_id=\(manager.id.uuidString)", session: agent)
            #expect(ownList.status == .ok && !ownList.body.contains("欢迎") && !ownList.body.contains("Welcome"))

            let managerSession = try await client.webLogin(.manager)
            let theirs = try await client.page("/follow-ups?assignee_id=\(agentID.uuidString)", session: managerSession)
            #expect(theirs.body.contains("王小明") && theirs.body.contains(#"href="/follow-up-plans""#))
            let recorded = try await client.submit(
                "/follow-ups/\(tasks[1])",
                [("action", "unreachable"), ("back", "/follow-ups?assignee_id=\(agentID.uuidString)")],
                session: managerSession)
            #expect(recorded.location == "/follow-ups?assignee_id=\(agentID.uuidString)&flash=follow_up_saved")
            let anonymous = try await client.page("/follow-ups")
            #expect(anonymous.status == .seeOther)
        }
    }

    @Test(arguments: Engine.available)
    func managersEditPlansOnThePlanPage(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let plans = FollowUpPlanRepository(app.database)
            let manager = try await client.webLogin(.manager)
            let empty = try await client.page("/follow-up-plans", session: manager)
            #expect(empty.status == .ok && empty.body.contains("No plans yet."))

            let bad = try await client.submit(
                "/follow-up-plans",
                [
                    ("name", "大单回访"), ("trigger_kind", "purchase"), ("min_total", "12.345"), ("step_offset_0", "x"),
                    ("active", "1"),
                ], session: manager)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains("Enter an amount such as 100.00.") && bad.body.contains("Enter a whole number."))
            #expect(bad.body.contains(#"value="12.345""#))
            let noSteps = try await client.submit(
                "/follow-up-plans", [("name", "大单回访"), ("trigger_kind", "purchase")], session: manager)
            #expect(noSteps.status == .unprocessableContent && noSteps.body.contains("steps: Required."))
            #expect(try await plans.list(limit: 10, cursor: nil).items.isEmpty)

            let created = try await client.submit(
                "/follow-up-plans",
                [
                    ("name", "大单回访"), ("trigger_kind", "purchase"), ("min_total", "1000"), ("sku_prefix", "TV"),
                    ("tier", "VIP"), ("step_offset_0", "1"), ("step_channel_0", "phone"), ("step_zh_0", "确认送货安装"),
                    ("step_en_0", "Check the delivery"), ("step_offset_1", ""), ("step_offset_2", "30"),
                    ("step_channel_2", "visit"), ("active", "1"),
                ], session: manager)
            #expect(created.status == .seeOther && created.location == "/follow-up-plans?flash=follow_up_plan_saved")
            let plan = try #require(try await plans.list(limit: 10, cursor: nil).items.first)
            #expect(plan.trigger == FollowUpTrigger(kind: .purchase, minTotal: 100_000, skuPrefix: "TV"))
            #expect(plan.steps.map(\.offsetDays) == [1, 30] && plan.steps.map(\.channel) == [.phone, .visit])
            #expect(plan.steps[0].script == FollowUpScript(zh: "确认送货安装", en: "Check the delivery") && plan.active)
            let zh = try await client.page(
                "/follow-up-plans", session: try await client.webLogin(.manager, language: "zh-Hans"))
            #expect(zh.body.contains("购买, 金额不低于 1000.00, 商品编码以 TV 开头"))
            #expect(zh.body.contains("1 天后，电话回访: 确认送货安装") && zh.body.contains("30 天后，上门回访"))

            let edited = try await client.submit(
                "/follow-up-plans/\(plan.id.uuidString)",
                [("name", "新客户欢迎"), ("trigger_kind", "customer_created"), ("step_offset_0", "0")], session: manager)
            #expect(edited.status == .seeOther)
            let stored = try await plans.get(plan.id)
            #expect(stored.trigger == FollowUpTrigger(kind: .customerCreated) && !stored.active)
            #expect(stored.steps == [FollowUpStep(offsetDays: 0, channel: .phone)])

            let agent = try await client.webLogin(.agent)
            #expect(try await client.page("/follow-up-plans", session: agent).status == .forbidden)
            let refused = try await client.submit(
                "/follow-up-plans", [("name", "x"), ("trigger_kind", "purchase"), ("step_offset_0", "0")],
                session: agent)
            #expect(refused.status == .forbidden)
            #expect(try await plans.list(limit: 10, cursor: nil).items.count == 1)
        }
    }

    @Test(arguments: Engine.available)
    func managersSeeCompletionOutcomesAndWhatIsOverdue(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let (_, tasks) = try await Self.agentsTasks(app, client)
            let manager = try await client.webLogin(.manager)
            let none = try await client.page("/follow-ups/report", session: manager)
            #expect(none.status == .ok && none.body.contains(#"id="follow-up-people""#))
            _ = try await client.call(
                .patch, "/api/v1/follow-ups/\(tasks[0])", as: .agent, app: app, json: #"{"outcome": "neutral"}"#)
            // The second task fell due two days ago and is still open: overdue.
            let past = CalendarDay(app.database.clock.now(), in: TimeZone(identifier: "Asia/Shanghai")!).adding(
                days: -2)
            try await app.database.db.sql.update("follow_up_tasks").set("due_on", to: past.description)
                .where("id", .equal, try #require(UUID(uuidString: tasks[1]))).run()
            let report = try await client.page("/follow-ups/report", session: manager)
            let row = try #require(
                report.body.components(separatedBy: "<tr>").first { $0.contains("新客户回访") })
            // Due by today 2, done 1 (50 %), neutral 1, overdue 1.
            #expect(row.contains("<td>2</td><td>1</td><td>50 %</td><td>0</td><td>1</td><td>0</td><td>0</td><td>1</td>"))
            let agent = try await client.webLogin(.agent)
            #expect(try await client.page("/follow-ups/report", session: agent).status == .forbidden)
        }
    }
}
