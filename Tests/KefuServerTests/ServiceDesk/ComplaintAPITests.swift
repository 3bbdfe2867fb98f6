import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Complaint protocol API")
struct ComplaintAPITests {
    @Test(arguments: Engine.available)
    func stepsOpenTheGateOneByOne(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let cause = try await client.call(
                .post, "/api/v1/complaint-causes", as: .manager, app: app,
                json: #"{"category": "产品质量", "name": "压缩机故障", "name_en": "Compressor failure"}"#)
            #expect(cause.status == .created)
            let causeID = try #require(cause.body["id"] as? String)
            #expect(cause.body["category"] as? String == "产品质量")
            let again = try await client.call(
                .post, "/api/v1/complaint-causes", as: .manager, app: app,
                json: #"{"category": "产品质量", "name": "压缩机故障"}"#)
            #expect(again.status == .conflict)
            let causes = try await client.call(.get, "/api/v1/complaint-causes", as: .agent, app: app)
            #expect((causes.body["items"] as? [[String: Any]])?.count == 1)
            let customer = try await TicketAPITests.customer(client, app)
            let id = try await TicketAPITests.ticket(client, app, customer: customer, type: "complaint")
            let path = "/api/v1/tickets/\(id)/complaint"
            let listen = try await client.call(
                .put, "\(path)/listen", as: .agent, app: app,
                json: #"{"note": "客户说了七分钟", "listened_seconds": 420}"#)
            #expect(listen.status == .ok)
            #expect(listen.body["missing"] as? [String] == ["root_cause", "solution"])
            let steps = listen.body["steps"] as? [String: Any]
            #expect((steps?["listen"] as? [String: Any])?["listened_seconds"] as? Int == 420)
            #expect(steps?["apologise"] is NSNull)
            let noCause = try await client.call(
                .put, "\(path)/root_cause", as: .agent, app: app, json: #"{"note": "压缩机坏"}"#)
            #expect((noCause.body["errors"] as? [[String: Any]])?.first?["field"] as? String == "cause_id")
            let unknownCause = try await client.call(
                .put, "\(path)/root_cause", as: .agent, app: app, json: #"{"note": "压缩机坏", "cause_id": "\#(UUID())"}"#)
            #expect(unknownCause.status == .badRequest)
            let rootCause = try await client.call(
                .put, "\(path)/root_cause", as: .agent, app: app, json: #"{"note": "压缩机坏", "cause_id": "\#(causeID)"}"#)
            #expect(rootCause.body["missing"] as? [String] == ["solution"])
            let early = try await client.call(
                .patch, "/api/v1/tickets/\(id)", as: .agent, app: app, json: #"{"status": "resolved"}"#)
            #expect(early.status == .unprocessableContent)
            #expect(early.body["missing"] as? [String] == ["solution"])
            let solution = try await client.call(
                .put, "\(path)/solution", as: .agent, app: app, json: #"{"note": "免费换压缩机"}"#)
            #expect(solution.body["missing"] as? [String] == [])
            let resolved = try await client.call(
                .patch, "/api/v1/tickets/\(id)", as: .agent, app: app, json: #"{"status": "resolved"}"#)
            #expect(resolved.status == .ok)
            let fetched = try await client.call(.get, path, as: .agent, app: app)
            #expect(
                ((fetched.body["steps"] as? [String: Any])?["solution"] as? [String: Any])?["note"] as? String
                    == "免费换压缩机")
        }
    }

    @Test(arguments: Engine.available)
    func wrongTicketsStepsAndRolesAreRefused(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let customer = try await TicketAPITests.customer(client, app)
            let inquiry = try await TicketAPITests.ticket(client, app, customer: customer)
            let notComplaint = try await client.call(
                .put, "/api/v1/tickets/\(inquiry)/complaint/listen", as: .agent, app: app, json: #"{"note": "听"}"#)
            #expect(notComplaint.status == .conflict)
            let complaint = try await TicketAPITests.ticket(client, app, customer: customer, type: "complaint")
            let unknownStep = try await client.call(
                .put, "/api/v1/tickets/\(complaint)/complaint/shout", as: .agent, app: app, json: #"{"note": "听"}"#)
            #expect(unknownStep.status == .badRequest)
            let wrongDetail = try await client.call(
                .put, "/api/v1/tickets/\(complaint)/complaint/apologise", as: .agent, app: app,
                json: #"{"note": "对不起", "listened_seconds": 5}"#)
            #expect(wrongDetail.status == .badRequest)
            let byAgent = try await client.call(
                .post, "/api/v1/complaint-causes", as: .agent, app: app, json: #"{"category": "服务", "name": "态度"}"#)
            #expect(byAgent.status == .forbidden)
            let blank = try await client.call(
                .post, "/api/v1/complaint-causes", as: .manager, app: app, json: #"{"category": " ", "name": "态度"}"#)
            #expect(blank.status == .badRequest)
            let causes = try await client.call(.get, "/api/v1/complaint-causes", as: .agent, app: app)
            #expect((causes.body["items"] as? [Any])?.isEmpty == true)
            try await client.expectUnauthorized(
                [
                    (HTTPRequest.Method.get, "/api/v1/complaint-causes"), (.post, "/api/v1/complaint-causes"),
                    (.get, "/api/v1/tickets/\(complaint)/complaint"),
                    (.put, "/api/v1/tickets/\(complaint)/complaint/listen"),
                ], app: app)
        }
    }
}
