import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Web: inbox, ticket page and approvals")
struct TicketPagesTests {
    /// A customer made through the API, and the id of a ticket logged for them by an agent.
    static func ticket(
        _ client: some TestClientProtocol, _ app: TestApp, type: String = "inquiry", subject: String = "空调不制冷"
    ) async throws -> (customer: String, ticket: String) {
        let customer = try await TicketAPITests.customer(client, app)
        let created = try await client.call(
            .post, "/api/v1/tickets", as: .agent, app: app,
            json: #"{"customer_id": "\#(customer)", "type": "\#(type)", "channel": "phone", "subject": "\#(subject)"}"#)
        return (customer, try #require(created.body["id"] as? String))
    }

    @Test(arguments: Engine.available)
    func logAReplyAndAnInternalNoteFromThePages(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let customer = try await TicketAPITests.customer(client, app)
            let agent = try await client.webLogin(.agent, language: "zh-Hans")
            let search = try await client.page("/tickets/new?customer_q=%E7%8E%8B", session: agent)
            #expect(
                search.status == .ok
                    && search.body.contains("/tickets/new?type=inquiry&amp;channel=phone&amp;customer_id=\(customer)"))
            let missing = try await client.submit(
                "/tickets/new", [("type", "request"), ("channel", "walk_in"), ("subject", "")], session: agent)
            #expect(missing.status == .unprocessableContent && missing.body.contains("这是哪位客户的工单？"))
            let ancient = try await client.submit(
                "/tickets/new",
                [
                    ("customer_id", customer), ("type", "request"), ("channel", "phone"), ("subject", "古"),
                    ("received_at", "0000-01-01T00:00"),
                ], session: agent)
            #expect(ancient.status == .unprocessableContent)
            let form = try await client.page("/tickets/new?customer_id=\(customer)", session: agent)
            #expect(form.body.contains("王小明") && !form.body.contains(#"name="owner_id""#))
            let created = try await client.submit(
                "/tickets/new",
                [
                    ("customer_id", customer), ("type", "request"), ("channel", "walk_in"),
                    ("subject", "<b>换机油</b>"), ("description", "下午来店"), ("tags", "保养, VIP"),
                    ("received_at", "2020-01-02T09:30"),
                ], session: agent)
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            #expect(location.hasPrefix("/tickets/") && location.hasSuffix("flash=ticket_created"))
            let path = String(location.prefix { $0 != "?" })
            let page = try await client.page(location, session: agent)
            #expect(page.status == .ok && page.body.contains("工单已创建。"))
            #expect(page.body.contains("&lt;b&gt;换机油&lt;/b&gt;") && !page.body.contains("<b>换机油"))
            #expect(page.body.contains("2020-01-02 09:30") && page.body.contains("到店"))
            let reply = try await client.submit("\(path)/reply", [("body", "您好，已安排")], session: agent)
            #expect(reply.status == .seeOther)
            let note = try await client.submit(
                "\(path)/reply", [("body", "客户脾气急"), ("internal", "on")], session: agent)
            #expect(note.status == .seeOther)
            let empty = try await client.submit("\(path)/reply", [("body", " ")], session: agent)
            #expect(empty.status == .unprocessableContent)
            let after = try await client.page(path, session: agent)
            #expect(after.body.contains("您好，已安排") && after.body.contains("客户脾气急"))
            #expect(after.body.contains(#"class="message internal""#) && after.body.contains("处理中"))
            let id = try #require(UUID(uuidString: String(path.dropFirst("/tickets/".count))))
            #expect(try await TicketRepository(app.database).messages(of: id, includeInternal: true).count == 2)
            let stored = try await TicketRepository(app.database).get(id).ticket
            #expect(stored.tags == ["保养", "VIP"] && stored.status == .open)
        }
    }

    @Test(arguments: Engine.available)
    func theInboxFiltersPagesAndActsInBulk(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let first = try await Self.ticket(client, app, subject: "第一单")
            let second = try await Self.ticket(client, app, subject: "第二单")
            let complaint = try await Self.ticket(client, app, type: "complaint", subject: "投诉一单")
            let agent = try await client.webLogin(.agent)
            let mine = try await client.page("/tickets", session: agent)
            #expect(mine.status == .ok && mine.body.contains("第一单") && mine.body.contains("投诉一单"))
            let search = try await client.page("/tickets?view=all&q=%E7%AC%AC%E4%BA%8C", session: agent)
            #expect(search.body.contains("第二单") && !search.body.contains("第一单"))
            let paged = try await client.page("/tickets?view=all&limit=2", session: agent)
            #expect(paged.body.contains(#"rel="next""#))
            let bad = try await client.page("/tickets?view=everything", session: agent)
            #expect(bad.status == .badRequest)
            let manager = try await client.webLogin(.manager)
            let managerID = try #require(
                try await UserRepository(app.database).credentials(email: "manager@example.test")?.user.id)
            let noReason = try await client.submit(
                "/tickets/bulk",
                [
                    ("id", first.ticket), ("action", "assign"), ("assignee_id", managerID.uuidString),
                    ("back", "/tickets?view=all"),
                ], session: agent)
            #expect(noReason.status == .unprocessableContent && noReason.body.contains("T-000001"))
            let assigned = try await client.submit(
                "/tickets/bulk",
                [
                    ("id", first.ticket), ("id", second.ticket), ("action", "assign"),
                    ("assignee_id", managerID.uuidString), ("transfer_reason", "休假"), ("back", "https://evil.test"),
                ],
                session: agent)
            #expect(assigned.status == .seeOther && assigned.headers[.location]?.hasPrefix("/tickets?") == true)
            let managerInbox = try await client.page("/tickets?view=mine", session: manager)
            #expect(managerInbox.body.contains("第一单") && managerInbox.body.contains("第二单"))
            let closed = try await client.submit(
                "/tickets/bulk", [("id", second.ticket), ("id", complaint.ticket), ("action", "close")],
                session: agent)
            #expect(closed.status == .unprocessableContent)
            #expect(closed.body.contains("T-000003") && closed.body.contains("Root cause, Solution"))
            let tickets = TicketRepository(app.database)
            #expect(try await tickets.get(try #require(UUID(uuidString: second.ticket))).ticket.status == .closed)
            #expect(try await tickets.get(try #require(UUID(uuidString: complaint.ticket))).ticket.status == .new)
            let tooMany = try await client.submit(
                "/tickets/bulk",
                [("id", first.ticket)] + (0..<TicketListPage.bulkLimit).map { _ in ("id", UUID().uuidString) }
                    + [("action", "close")], session: agent)
            #expect(tooMany.status == .badRequest)
            #expect(try await tickets.get(try #require(UUID(uuidString: first.ticket))).ticket.status == .new)
            let forged = try await client.submit(
                "/tickets/bulk", [("id", first.ticket), ("action", "close")],
                session: agent, csrf: "wrong")
            #expect(forged.status == .forbidden)
            #expect(try await tickets.get(try #require(UUID(uuidString: first.ticket))).ticket.status == .new)
        }
    }

    @Test(arguments: Engine.available)
    func aComplaintShowsItsMissingStepsAndRemediesWaitForAManager(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let complaint = try await Self.ticket(client, app, type: "complaint", subject: "服务态度差")
            let cause = try await client.call(
                .post, "/api/v1/complaint-causes", as: .manager, app: app,
                json: #"{"category": "服务", "name": "态度", "name_en": "Attitude"}"#)
            let causeID = try #require(cause.body["id"] as? String)
            let path = "/tickets/\(complaint.ticket)"
            let agent = try await client.webLogin(.agent)
            let page = try await client.page(path, session: agent)
            #expect(page.body.contains(#"id="complaint-missing""#) && page.body.contains("Root cause, Solution"))
            let blocked = try await client.submit("\(path)/update", [("status", "resolved")], session: agent)
            #expect(blocked.status == .unprocessableContent)
            #expect(blocked.body.contains("Missing steps: Root cause, Solution."))
            let noCause = try await client.submit("\(path)/complaint/root_cause", [("note", "新人")], session: agent)
            #expect(noCause.status == .unprocessableContent)
            #expect(
                try await client.submit(
                    "\(path)/complaint/root_cause", [("note", "新人"), ("cause_id", causeID)], session: agent
                ).status == .seeOther)
            #expect(
                try await client.submit("\(path)/complaint/solution", [("note", "道歉并赠券")], session: agent).status
                    == .seeOther)
            #expect(
                try await client.submit(
                    "\(path)/complaint/listen", [("note", "听完"), ("listened_seconds", "90")],
                    session: agent
                ).status == .seeOther)
            let recorded = try await client.page(path, session: agent)
            #expect(!recorded.body.contains(#"id="complaint-missing""#) && recorded.body.contains("服务 · Attitude"))
            #expect(recorded.body.contains("Listened for 90 s"))
            #expect(
                try await client.submit("\(path)/remedies", [("plan", "B"), ("note", "赠送")], session: agent).status
                    == .seeOther)
            #expect(try await client.page("/remedies", session: agent).status == .forbidden)
            let manager = try await client.webLogin(.manager)
            let approvals = try await client.page("/remedies", session: manager)
            #expect(approvals.body.contains("服务态度差") && approvals.body.contains("Plan B"))
            let remedy = try #require(try await RemedyRepository(app.database).list(status: .pendingApproval).first)
            let noNote = try await client.submit(
                "/remedies/\(remedy.remedy.id.uuidString)/decline", [("note", "")], session: manager)
            #expect(noNote.status == .unprocessableContent)
            let approved = try await client.submit(
                "/remedies/\(remedy.remedy.id.uuidString)/approve", [("back", path)], session: manager)
            #expect(approved.status == .seeOther && approved.headers[.location]?.hasPrefix(path) == true)
            #expect(try await client.page(path, session: agent).body.contains("approved"))
            #expect(
                try await client.submit("\(path)/update", [("status", "resolved")], session: agent).status == .seeOther)
        }
    }

    @Test(arguments: Engine.available)
    func transfersNeedAReasonAndClosedTicketsAreReadOnly(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let made = try await Self.ticket(client, app)
            let path = "/tickets/\(made.ticket)"
            let agent = try await client.webLogin(.agent)
            let managerID = try #require(
                try await UserRepository(app.database).credentials(email: "manager@example.test")?.user.id)
            let noReason = try await client.submit(
                "\(path)/assign", [("assignee_id", managerID.uuidString)], session: agent)
            #expect(noReason.status == .unprocessableContent && noReason.body.contains("A transfer needs a reason"))
            #expect(
                try await client.submit(
                    "\(path)/assign", [("assignee_id", managerID.uuidString), ("transfer_reason", "升级")],
                    session: agent
                ).status == .seeOther)
            let page = try await client.page(path, session: agent)
            #expect(page.body.contains("升级") && page.body.contains(#"id="transfers""#))
            #expect(
                try await client.submit("\(path)/update", [("status", "closed")], session: agent).status == .seeOther)
            let closed = try await client.page(path, session: agent)
            #expect(
                closed.body.contains("This ticket is closed and read-only.")
                    && !closed.body.contains(#"id="reply-form""#))
            let refused = try await client.submit("\(path)/reply", [("body", "还在吗")], session: agent)
            #expect(refused.status == .conflict)
            #expect(try await client.page("/tickets/\(UUID().uuidString)", session: agent).status == .notFound)
            #expect(try await client.page("/tickets").status == .seeOther)
        }
    }
}

extension TicketPagesTests {
    @Test(arguments: Engine.available)
    func linkMergeAndSplitFromTheTicketPage(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let customer = try await TicketAPITests.customer(client, app)
            func log(_ subject: String) async throws -> String {
                let made = try await client.call(
                    .post, "/api/v1/tickets", as: .agent, app: app,
                    json:
                        #"{"customer_id": "\#(customer)", "type": "inquiry", "channel": "web", "subject": "\#(subject)"}"#
                )
                return try #require(made.body["id"] as? String)
            }
            let first = try await log("第一单")
            let second = try await log("第二单")
            let agent = try await client.webLogin(.agent)
            let badNumber = try await client.submit(
                "/tickets/\(first)/links", [("number", "12"), ("kind", "related")], session: agent)
            #expect(badNumber.status == .unprocessableContent && badNumber.body.contains("T-000123"))
            let unknown = try await client.submit(
                "/tickets/\(first)/links", [("number", "T-000999"), ("kind", "related")], session: agent)
            #expect(
                unknown.status == .unprocessableContent && unknown.body.contains("There is no ticket with that number.")
            )
            let linked = try await client.submit(
                "/tickets/\(first)/links", [("number", "t-000002"), ("kind", "related")], session: agent)
            #expect(linked.status == .seeOther)
            let page = try await client.page("/tickets/\(first)", session: agent)
            #expect(
                page.body.contains("/tickets/\(second)/") == false && page.body.contains(#"href="/tickets/\#(second)""#)
            )
            let unlinked = try await client.submit("/tickets/\(first)/links/\(second)/delete", [], session: agent)
            #expect(unlinked.status == .seeOther)
            #expect(try await TicketRepository(app.database).links(of: try #require(UUID(uuidString: first))).isEmpty)

            _ = try await client.submit("/tickets/\(second)/reply", [("body", "请拆出去")], session: agent)
            let secondID = try #require(UUID(uuidString: second))
            let message = try #require(
                try await TicketRepository(app.database).messages(of: secondID, includeInternal: true).first)
            let split = try await client.submit(
                "/tickets/\(second)/split", [("message_id", message.id.uuidString)], session: agent)
            #expect(split.status == .seeOther && split.headers[.location]?.contains(second) == false)
            let noMessage = try await client.submit("/tickets/\(second)/split", [("message_id", "x")], session: agent)
            #expect(
                noMessage.status == .unprocessableContent && noMessage.body.contains("No such message on this ticket."))

            let itself = try await client.submit("/tickets/\(first)/merge", [("into", "T-000001")], session: agent)
            #expect(itself.status == .unprocessableContent && itself.body.contains("cannot be merged into itself"))
            let merged = try await client.submit("/tickets/\(first)/merge", [("into", "T-000002")], session: agent)
            #expect(merged.status == .seeOther && merged.headers[.location]?.hasPrefix("/tickets/\(second)") == true)
            let closed = try await client.page("/tickets/\(first)", session: agent)
            #expect(closed.body.contains("Duplicate of") && !closed.body.contains(#"id="merge-form""#))
        }
    }
}

extension TicketPagesTests {
    @Test(arguments: Engine.available)
    func aCannedReplyFillsTheReplyBox(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let made = try await Self.ticket(client, app)
            let agent = try await client.webLogin(.agent)
            let without = try await client.page("/tickets/\(made.ticket)", session: agent)
            #expect(!without.body.contains(#"id="canned-form""#))
            let canned = try await client.call(
                .post, "/api/v1/canned-replies", as: .manager, app: app,
                json: #"{"title": "上门", "body": "{{customer.name}}您好，{{ticket.number}} 由 {{agent.name}} 跟进 <b>"}"#)
            let replyID = try #require(canned.body["id"] as? String)
            let picker = try await client.page("/tickets/\(made.ticket)", session: agent)
            #expect(picker.body.contains(#"id="canned-form""#) && picker.body.contains(">上门</option>"))
            let filled = try await client.page("/tickets/\(made.ticket)?canned=\(replyID)", session: agent)
            #expect(filled.status == .ok)
            #expect(filled.body.contains("王小明您好，T-000001 由 agent 跟进 &lt;b&gt;</textarea>"))
            let unknown = try await client.page("/tickets/\(made.ticket)?canned=\(UUID().uuidString)", session: agent)
            #expect(unknown.status == .notFound)
        }
    }
}
