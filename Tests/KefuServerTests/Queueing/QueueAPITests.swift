import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Walk-in queue API")
struct QueueAPITests {
    /// A branch with services A (deposits, 5 min) and V (VIP desk, 10 min) and one open counter serving both.
    struct Branch {
        var id: String
        var deposits: String
        var vipDesk: String
        var counter: String
    }

    static func branch(_ client: some TestClientProtocol, _ app: TestApp, name: String = "静安支行") async throws
        -> Branch
    {
        let branch = try await client.call(
            .post, "/api/v1/branches", as: .admin, app: app, json: #"{"name": "\#(name)"}"#)
        let id = try #require(branch.body["id"] as? String)
        func service(_ name: String, _ prefix: String, _ minutes: Int) async throws -> String {
            let made = try await client.call(
                .post, "/api/v1/queue/services", as: .admin, app: app,
                json: #"""
                    {"branch_id": "\#(id)", "name": "\#(name)", "prefix": "\#(prefix)",
                     "expected_service_minutes": \#(minutes), "target_wait_minutes": 15}
                    """#)
            #expect(made.status == .created, "\(made.body)")
            return try #require(made.body["id"] as? String)
        }
        let deposits = try await service("存款", "A", 5)
        let vipDesk = try await service("贵宾", "V", 10)
        let counter = try await client.call(
            .post, "/api/v1/queue/counters", as: .admin, app: app,
            json: #"{"branch_id": "\#(id)", "name": "1号窗口", "service_ids": ["\#(deposits)", "\#(vipDesk)"]}"#)
        let counterID = try #require(counter.body["id"] as? String)
        #expect(counter.body["open"] as? Bool == false)
        let opened = try await client.call(
            .patch, "/api/v1/queue/counters/\(counterID)", as: .agent, app: app, json: #"{"open": true}"#)
        #expect(opened.status == .ok && opened.body["open"] as? Bool == true)
        return Branch(id: id, deposits: deposits, vipDesk: vipDesk, counter: counterID)
    }

    static func issue(
        _ client: some TestClientProtocol, _ app: TestApp, _ service: String, extra: String = ""
    ) async throws -> [String: Any] {
        let made = try await client.call(
            .post, "/api/v1/queue/tickets", as: .agent, app: app, json: #"{"service_id": "\#(service)"\#(extra)}"#)
        #expect(made.status == .created, "\(made.body)")
        return made.body
    }

    @Test(arguments: Engine.available)
    func ticketsAreNumberedPlacedAndCalledByThePolicy(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let branch = try await Self.branch(client, app)
            let first = try await Self.issue(client, app, branch.deposits)
            #expect(first["number"] as? String == "A001" && first["status"] as? String == "waiting")
            #expect(first["class"] as? String == "normal" && first["position"] as? Int == 1)
            #expect((first["status_url"] as? String)?.hasPrefix("/q/") == true)
            let estimate = try #require(first["estimated_wait_minutes"] as? [String: Any])
            #expect(
                (estimate["low"] as? Int ?? -1) >= 0
                    && (estimate["high"] as? Int ?? -1) >= (estimate["low"] as? Int ?? 0))
            let second = try await Self.issue(client, app, branch.deposits)
            #expect(second["number"] as? String == "A002" && second["position"] as? Int == 2)
            // An express ticket goes ahead of both normal ones under the default priority policy.
            let express = try await Self.issue(client, app, branch.deposits, extra: #", "class": "express""#)
            #expect(express["number"] as? String == "A003" && express["position"] as? Int == 1)
            let vip = try await Self.issue(client, app, branch.vipDesk, extra: #", "class": "vip""#)
            #expect(vip["number"] as? String == "V001" && vip["position"] as? Int == 1)

            let path = "/api/v1/queue/counters/\(branch.counter)/call-next"
            var called: [String] = []
            for _ in 0..<4 {
                let next = try await client.call(.post, path, as: .agent, app: app)
                #expect(next.status == .ok && next.body["status"] as? String == "called")
                #expect(next.body["counter_id"] as? String == branch.counter)
                called.append(next.body["number"] as? String ?? "?")
            }
            #expect(called == ["A003", "V001", "A001", "A002"])
            #expect(try await client.call(.post, path, as: .agent, app: app).status == .noContent)

            let state = try await client.call(.get, "/api/v1/queue/branches/\(branch.id)/state", as: .agent, app: app)
            let counters = try #require(state.body["counters"] as? [[String: Any]])
            #expect((counters.first?["current_ticket"] as? [String: Any])?["number"] as? String == "A002")
            #expect((state.body["last_called"] as? [String: Any])?["number"] as? String == "A002")
            #expect((state.body["waiting"] as? [[String: Any]])?.map { $0["total"] as? Int } == [0, 0])
        }
    }

    @Test(arguments: Engine.available)
    func theStatusPageShowsThePlaceThenTheCounterAndAnswersJSON(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let branch = try await Self.branch(client, app)
            _ = try await Self.issue(client, app, branch.deposits)
            let mine = try await Self.issue(client, app, branch.deposits)
            let url = try #require(mine["status_url"] as? String)
            let waiting = try await client.page(url, language: "zh-CN,zh;q=0.9")
            #expect(waiting.status == .ok && waiting.body.contains(#"<html lang="zh-Hans">"#))
            #expect(waiting.body.contains(#"id="queue-number">A002</h1>"#) && waiting.body.contains("存款"))
            #expect(waiting.body.contains("您前面还有 2 位（含您）") && waiting.body.contains("预计等候"))
            #expect(!waiting.body.contains("queue-next"))
            #expect(waiting.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            _ = try await client.call(.post, "/api/v1/queue/counters/\(branch.counter)/call-next", as: .agent, app: app)
            let next = try await client.page(url, language: "en")
            #expect(next.body.contains("You are next") && next.body.contains("Your place in line: 1"))
            _ = try await client.call(.post, "/api/v1/queue/counters/\(branch.counter)/call-next", as: .agent, app: app)
            let called = try await client.page(url, language: "en")
            #expect(called.body.contains("Please go to 1号窗口 now") && !called.body.contains("queue-position"))
            let json = try await client.execute(uri: url, method: .get, headers: [.accept: "application/json"]) {
                response in
                (
                    response.status,
                    (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any]
                )
            }
            #expect(json.0 == .ok)
            #expect(
                json.1.map { Set($0.keys) } == ["number", "status", "position", "estimated_wait_minutes", "counter_id"])
            #expect(json.1?["status"] as? String == "called" && json.1?["counter_id"] as? String == branch.counter)
            #expect(json.1?["position"] is NSNull)
            let forged = try await client.page("/q/" + String(repeating: "A", count: 43))
            #expect(forged.status == .notFound)
        }
    }

    @Test(arguments: Engine.available)
    func fifoAndAgedPoliciesAndTheirValidation(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let branch = try await Self.branch(client, app)
            let policy = "/api/v1/queue/branches/\(branch.id)/policy"
            let noAging = try await client.call(.put, policy, as: .admin, app: app, json: #"{"kind": "aged"}"#)
            #expect(noAging.status == .badRequest && "\(noAging.body)".contains("aging_minutes"))
            let unknown = try await client.call(.put, policy, as: .admin, app: app, json: #"{"kind": "random"}"#)
            #expect(unknown.status == .badRequest)
            #expect(try await client.call(.get, policy, as: .agent, app: app).body["kind"] as? String == "priority")
            let aged = try await client.call(
                .put, policy, as: .admin, app: app, json: #"{"kind": "aged", "aging_minutes": 10}"#)
            #expect(
                aged.status == .ok && aged.body["kind"] as? String == "aged"
                    && aged.body["aging_minutes"] as? Double == 10)
            let fifo = try await client.call(.put, policy, as: .admin, app: app, json: #"{"kind": "fifo"}"#)
            #expect(fifo.status == .ok && fifo.body["kind"] as? String == "fifo")
            _ = try await Self.issue(client, app, branch.deposits)
            let urgent = try await Self.issue(client, app, branch.deposits, extra: #", "class": "urgent""#)
            #expect(urgent["position"] as? Int == 2)
            let next = try await client.call(
                .post, "/api/v1/queue/counters/\(branch.counter)/call-next", as: .agent, app: app)
            #expect(next.body["number"] as? String == "A001")
        }
    }

    @Test(arguments: Engine.available)
    func counterActionsFollowTheTicketsStatus(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let branch = try await Self.branch(client, app)
            let ticket = try #require(try await Self.issue(client, app, branch.deposits)["id"] as? String)
            let path = "/api/v1/queue/tickets/\(ticket)"
            let early = try await client.call(.post, path + "/start", as: .agent, app: app)
            #expect(early.status == .conflict)
            _ = try await client.call(.post, "/api/v1/queue/counters/\(branch.counter)/call-next", as: .agent, app: app)
            let tooSoon = try await client.call(.post, path + "/no-show", as: .agent, app: app)
            #expect(tooSoon.status == .conflict && "\(tooSoon.body)".contains("recalls"))
            for expected in 1...2 {
                let recalled = try await client.call(.post, path + "/recall", as: .agent, app: app)
                #expect(recalled.status == .ok && recalled.body["recalls"] as? Int == expected)
            }
            let gone = try await client.call(.post, path + "/no-show", as: .agent, app: app)
            #expect(gone.body["status"] as? String == "no_show")
            let back = try await client.call(.post, path + "/rejoin", as: .agent, app: app)
            #expect(back.body["status"] as? String == "waiting" && back.body["position"] as? Int == 1)
            // Transferred to the VIP desk keeping its arrival, then called there out of turn, served and finished.
            let moved = try await client.call(
                .post, path + "/transfer", as: .agent, app: app, json: #"{"service_id": "\#(branch.vipDesk)"}"#)
            #expect(moved.status == .ok && moved.body["service_id"] as? String == branch.vipDesk)
            let noReason = try await client.call(
                .post, "/api/v1/queue/counters/\(branch.counter)/call", as: .agent, app: app,
                json: #"{"ticket_id": "\#(ticket)"}"#)
            #expect(noReason.status == .badRequest && "\(noReason.body)".contains("reason"))
            let called = try await client.call(
                .post, "/api/v1/queue/counters/\(branch.counter)/call", as: .agent, app: app,
                json: #"{"ticket_id": "\#(ticket)", "reason": "行动不便"}"#)
            #expect(called.status == .ok && called.body["call_reason"] as? String == "行动不便")
            #expect(
                try await client.call(.post, path + "/start", as: .agent, app: app).body["status"] as? String
                    == "serving")
            let done = try await client.call(
                .post, path + "/finish", as: .agent, app: app, json: #"{"outcome": "开户完成"}"#)
            #expect(done.body["status"] as? String == "finished" && done.body["outcome"] as? String == "开户完成")
            #expect(try await client.call(.post, path + "/park", as: .agent, app: app).status == .conflict)
            #expect(try await SurveyAPITests.count(app, "queue_service_times") == 1)
            let finished = try await client.call(
                .get, "/api/v1/queue/tickets?branch_id=\(branch.id)&status=finished", as: .agent, app: app)
            #expect(PurchaseAPITests.items(finished).count == 1)
        }
    }

    @Test(arguments: Engine.available)
    func aPhoneLinksTheCustomerWhoseTierSetsTheClass(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let branch = try await Self.branch(client, app)
            let customer = try await client.call(
                .post, "/api/v1/customers", as: .agent, app: app,
                json: #"{"name": "李先生", "phones": ["13800138000"], "tier": "VIP"}"#)
            let customerID = try #require(customer.body["id"] as? String)
            let ticket = try await Self.issue(client, app, branch.deposits, extra: #", "phone": "138 0013 8000""#)
            #expect(ticket["class"] as? String == "vip" && ticket["customer_id"] as? String == customerID)
            #expect(ticket["phone"] as? String == "+8613800138000")
            let stranger = try await Self.issue(client, app, branch.deposits, extra: #", "phone": "13900139000""#)
            #expect(stranger["class"] as? String == "normal" && stranger["customer_id"] is NSNull)
            let timeline = try await client.call(
                .get, "/api/v1/customers/\(customerID)/timeline", as: .agent, app: app)
            #expect(PurchaseAPITests.items(timeline).contains { $0["kind"] as? String == "queue.joined" })
        }
    }

    @Test(arguments: Engine.available)
    func badRequestsAre4xxAndWriteNothing(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let branch = try await Self.branch(client, app)
            for (body, field) in [
                (#"{"service_id": "\#(UUID().uuidString)"}"#, "service_id"),
                (#"{"service_id": "\#(branch.deposits)", "class": "royal"}"#, "class"),
                (#"{"service_id": "\#(branch.deposits)", "phone": "not a phone"}"#, "phone"),
                (#"{}"#, "service_id"),
            ] {
                let bad = try await client.call(.post, "/api/v1/queue/tickets", as: .agent, app: app, json: body)
                #expect(bad.status == .badRequest && "\(bad.body)".contains(field), "\(body)")
            }
            #expect(try await SurveyAPITests.count(app, "queue_tickets") == 0)
            let badStatus = try await client.call(.get, "/api/v1/queue/tickets?status=lost", as: .agent, app: app)
            #expect(badStatus.status == .badRequest)
            for body in [
                #"{"branch_id": "\#(branch.id)", "name": "X", "prefix": "A1", "expected_service_minutes": 5, "target_wait_minutes": 5}"#,
                #"{"branch_id": "\#(branch.id)", "name": "X", "prefix": "B", "expected_service_minutes": 0, "target_wait_minutes": 5}"#,
                #"{"branch_id": "\#(UUID().uuidString)", "name": "X", "prefix": "B", "expected_service_minutes": 5, "target_wait_minutes": 5}"#,
            ] {
                let bad = try await client.call(.post, "/api/v1/queue/services", as: .admin, app: app, json: body)
                #expect(bad.status == .badRequest, "\(body)")
            }
            let taken = try await client.call(
                .post, "/api/v1/queue/services", as: .admin, app: app,
                json:
                    #"{"branch_id": "\#(branch.id)", "name": "X", "prefix": "a", "expected_service_minutes": 5, "target_wait_minutes": 5}"#
            )
            #expect(taken.status == .conflict && "\(taken.body)".contains("prefix"))
            #expect(try await SurveyAPITests.count(app, "queue_services") == 2)
            let badCounter = try await client.call(
                .post, "/api/v1/queue/counters", as: .admin, app: app,
                json: #"{"branch_id": "\#(branch.id)", "name": "2号", "service_ids": ["\#(UUID().uuidString)"]}"#)
            #expect(badCounter.status == .badRequest && "\(badCounter.body)".contains("service_ids[0]"))
            let rename = try await client.call(
                .patch, "/api/v1/queue/counters/\(branch.counter)", as: .agent, app: app, json: #"{"name": "VIP"}"#)
            #expect(rename.status == .forbidden)
            _ = try await client.call(
                .patch, "/api/v1/queue/counters/\(branch.counter)", as: .agent, app: app, json: #"{"open": false}"#)
            let closed = try await client.call(
                .post, "/api/v1/queue/counters/\(branch.counter)/call-next", as: .agent, app: app)
            #expect(closed.status == .conflict)
            #expect(
                try await client.call(.get, "/api/v1/queue/tickets/\(UUID().uuidString)", as: .agent, app: app).status
                    == .notFound)
            let settings = try await client.call(
                .patch, "/api/v1/queue/branches/\(branch.id)/settings", as: .admin, app: app,
                json: #"{"class_order": ["vip", "normal"]}"#)
            #expect(settings.status == .badRequest && "\(settings.body)".contains("class_order"))
        }
    }
}
