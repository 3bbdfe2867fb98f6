import Foundation
import HTTPTypes
import HummingbirdTesting
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

@Suite("Ticket status link page")
struct TicketStatusLinkPageTests {
    @Test(arguments: Engine.available)
    func anAgentIssuesANewLinkFromTheTicketPageAndTheOldOneStops(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let (old, id) = try await PublicTicketAPITests.file(client, app)
            for language in ["en", "zh-Hans"] {
                let session = try await client.webLogin(.agent, language: language)
                let ticket = try await client.page("/tickets/\(id)", session: session)
                #expect(ticket.body.contains(#"action="/tickets/\#(id)/status-link""#))
                #expect(ticket.body.contains(#"id="status-link-submit""#))
                let refused = try await client.submit("/tickets/\(id)/status-link", [], session: session, csrf: "")
                #expect(refused.status == .forbidden)
                let issued = try await client.submit("/tickets/\(id)/status-link", [], session: session)
                #expect(issued.status == .created && issued.body.contains(#"lang="\#(language)""#))
                #expect(issued.body.contains(language == "en" ? "Status link for T-000001" : "T-000001 的查看链接"))
                let marker = try #require(issued.body.range(of: #"id="issued-status-link">"#))
                let fresh = String(issued.body[marker.upperBound...].prefix { $0 != "<" })
                #expect(fresh.hasPrefix("/support/t/") && fresh != old)
                #expect(try await client.page(fresh).status == .ok)
            }
            #expect(try await client.page(old).status == .notFound)
            let anonymous = try await client.submit("/tickets/\(id)/status-link", [], session: nil, csrf: "")
            #expect(anonymous.status == .seeOther && anonymous.location == "/login")
        }
    }
}
