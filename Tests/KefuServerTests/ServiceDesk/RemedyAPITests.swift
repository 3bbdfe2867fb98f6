import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Remedies API")
struct RemedyAPITests {
    /// A complaint whose root cause is in 产品质量, which has a ladder.
    static func complaintWithLadder(_ client: some TestClientProtocol, _ app: TestApp) async throws -> String {
        let ladder = try await client.call(
            .put, "/api/v1/complaint-categories/%E4%BA%A7%E5%93%81%E8%B4%A8%E9%87%8F/remedies", as: .manager,
            app: app,
            json: #"""
                {"A": {"text": "道歉并上门检修"}, "B": {"text": "免费更换", "compensation": 50000},
                 "C": {"text": "退货退款", "compensation": 300000}}
                """#)
        #expect(ladder.status == .ok)
        #expect((ladder.body["B"] as? [String: Any])?["compensation"] as? Int == 50000)
        let cause = try await client.call(
            .post, "/api/v1/complaint-causes", as: .manager, app: app,
            json: #"{"category": "产品质量", "name": "压缩机故障"}"#)
        let causeID = try #require(cause.body["id"] as? String)
        let customer = try await TicketAPITests.customer(client, app)
        let id = try await TicketAPITests.ticket(client, app, customer: customer, type: "complaint")
        _ = try await client.call(
            .put, "/api/v1/tickets/\(id)/complaint/root_cause", as: .agent, app: app,
            json: #"{"note": "压缩机坏", "cause_id": "\#(causeID)"}"#)
        return id
    }

    @Test(arguments: Engine.available)
    func aIsAppliedAtOnceAndBWaitsForAManager(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let id = try await Self.complaintWithLadder(client, app)
            let planA = try await client.call(
                .post, "/api/v1/tickets/\(id)/remedies", as: .agent, app: app, json: #"{"plan": "A"}"#)
            #expect(planA.status == .created)
            #expect(planA.body["status"] as? String == "applied" && planA.body["text"] as? String == "道歉并上门检修")
            let planB = try await client.call(
                .post, "/api/v1/tickets/\(id)/remedies", as: .agent, app: app, json: #"{"plan": "B", "note": "客户很生气"}"#)
            #expect(planB.body["status"] as? String == "pending_approval")
            #expect(planB.body["compensation"] as? Int == 50000)
            let remedyB = try #require(planB.body["id"] as? String)
            let pending = try await client.call(
                .get, "/api/v1/remedies?status=pending_approval", as: .manager, app: app)
            #expect((pending.body["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [remedyB])
            let byAgent = try await client.call(
                .post, "/api/v1/remedies/\(remedyB)/approve", as: .agent, app: app, json: "{}")
            #expect(byAgent.status == .forbidden)
            let noNote = try await client.call(
                .post, "/api/v1/remedies/\(remedyB)/decline", as: .manager, app: app, json: "{}")
            #expect(noNote.status == .badRequest)
            let approved = try await client.call(
                .post, "/api/v1/remedies/\(remedyB)/approve", as: .manager, app: app, json: "{}")
            #expect(approved.status == .ok && approved.body["status"] as? String == "approved")
            let twice = try await client.call(
                .post, "/api/v1/remedies/\(remedyB)/decline", as: .manager, app: app, json: #"{"note": "改主意"}"#)
            #expect(twice.status == .conflict)
            let planC = try await client.call(
                .post, "/api/v1/tickets/\(id)/remedies", as: .manager, app: app, json: #"{"plan": "C"}"#)
            let remedyC = try #require(planC.body["id"] as? String)
            #expect(planC.body["status"] as? String == "pending_approval")
            let declined = try await client.call(
                .post, "/api/v1/remedies/\(remedyC)/decline", as: .admin, app: app, json: #"{"note": "超出政策"}"#)
            #expect(
                declined.body["status"] as? String == "declined" && declined.body["decision_note"] as? String == "超出政策")
            let kinds = try await TicketAPITests.timelineKinds(
                client, app,
                customer: try #require(
                    try await client.call(.get, "/api/v1/tickets/\(id)", as: .agent, app: app).body["customer_id"]
                        as? String))
            #expect(kinds.filter { $0 == "ticket.remedy" }.count == 5)
        }
    }

    @Test(arguments: Engine.available)
    func remediesNeedAComplaintAndAValidLadder(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let customer = try await TicketAPITests.customer(client, app)
            let inquiry = try await TicketAPITests.ticket(client, app, customer: customer)
            let notComplaint = try await client.call(
                .post, "/api/v1/tickets/\(inquiry)/remedies", as: .agent, app: app, json: #"{"plan": "A"}"#)
            #expect(notComplaint.status == .conflict)
            let complaint = try await TicketAPITests.ticket(client, app, customer: customer, type: "complaint")
            let noLadder = try await client.call(
                .post, "/api/v1/tickets/\(complaint)/remedies", as: .agent, app: app,
                json: #"{"plan": "A", "note": "先送一张优惠券"}"#)
            #expect(noLadder.status == .created && noLadder.body["text"] is NSNull)
            #expect(noLadder.body["note"] as? String == "先送一张优惠券")
            let badPlan = try await client.call(
                .post, "/api/v1/tickets/\(complaint)/remedies", as: .agent, app: app, json: #"{"plan": "D"}"#)
            #expect(badPlan.status == .badRequest)
            let badLadder = try await client.call(
                .put, "/api/v1/complaint-categories/x/remedies", as: .manager, app: app,
                json: #"{"A": {"text": " "}, "B": {"text": "赔", "compensation": -1}}"#)
            #expect(badLadder.status == .badRequest)
            let fields = (badLadder.body["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(fields == ["A.text", "B.compensation"])
            let byAgent = try await client.call(
                .put, "/api/v1/complaint-categories/x/remedies", as: .agent, app: app, json: #"{"A": {"text": "道歉"}}"#)
            #expect(byAgent.status == .forbidden)
            let causes = try await client.call(.get, "/api/v1/complaint-causes", as: .agent, app: app)
            #expect((causes.body["items"] as? [Any])?.isEmpty == true)
            let agentList = try await client.call(.get, "/api/v1/remedies", as: .agent, app: app)
            #expect(agentList.status == .forbidden)
            try await client.expectUnauthorized(
                [
                    (HTTPRequest.Method.put, "/api/v1/complaint-categories/x/remedies"),
                    (.post, "/api/v1/tickets/\(complaint)/remedies"), (.get, "/api/v1/remedies"),
                    (.post, "/api/v1/remedies/\(UUID())/approve"), (.post, "/api/v1/remedies/\(UUID())/decline"),
                ], app: app)
        }
    }
}
