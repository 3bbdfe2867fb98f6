import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import Testing

@Suite("Live updates")
struct LiveUpdatesTests {
    typealias Event = LiveUpdates.Event

    @Test func aSubscriberGetsTheEventsOfItsTopicOnly() async throws {
        try await withDatabase(.sqlite) { database in
            let live = database.live
            let events = live.subscribe("ticket:a")
            await live.publish("ticket:b")
            await live.publish("ticket:a", data: ["n": "1"])
            let first = try await within("the event") { await events.first { _ in true } }
            #expect(first == Event(topic: "ticket:a", data: ["n": "1"]))
        }
    }

    /// A reader that goes away (its task cancelled, as when a client disconnects) leaves no subscription behind.
    @Test func aCancelledReaderUnsubscribes() async throws {
        try await withDatabase(.sqlite) { database in
            let live = database.live
            let events = live.subscribe("queue:branch:1")
            let other = live.subscribe("queue:branch:1")
            #expect(live.subscriberCount("queue:branch:1") == 2)
            let reader = Task { for await _ in events {} }
            reader.cancel()
            await reader.value
            #expect(live.subscriberCount("queue:branch:1") == 1)
            await live.publish("queue:branch:1")
            let event = try await within("the other reader's event") { await other.first { _ in true } }
            #expect(event?.topic == "queue:branch:1")
        }
    }

    /// A reader that does not keep up holds the newest `bufferLimit` events, never more.
    @Test func aSlowReaderKeepsOnlyTheNewestEvents() async throws {
        try await withDatabase(.sqlite) { database in
            let live = database.live
            let events = live.subscribe("t")
            for n in 0..<100 { await live.publish("t", data: ["n": String(n)]) }
            let seen = try await within("the last event") {
                var seen: [String] = []
                for await event in events {
                    seen.append(event.data["n"] ?? "")
                    if seen.last == "99" { break }
                }
                return seen
            }
            #expect(seen == (100 - live.bufferLimit..<100).map(String.init))
        }
    }

    /// NOTIFY takes less than 8000 bytes: data that would not fit is dropped (the event still says "changed"), and
    /// an event that cannot fit even so is not relayed.
    @Test func relayedPayloadsStayUnderPostgresLimit() throws {
        let instance = UUID()
        let big = Event(topic: "ticket:1", data: ["text": String(repeating: "x", count: 8000)])
        let payload = try #require(LiveUpdates.payload(big, from: instance))
        #expect(payload.utf8.count <= LiveUpdates.maxPayloadBytes)
        let relayed = try JSONDecoder().decode(LiveUpdates.Relayed.self, from: Data(payload.utf8))
        #expect(relayed.instance == instance && relayed.event == Event(topic: "ticket:1"))
        #expect(LiveUpdates.payload(Event(topic: String(repeating: "t", count: 8000)), from: instance) == nil)
    }

    /// A staff member's public reply, a status change and a customer's reply announce the ticket on its topic; an
    /// internal note does not (the sentinel published after it is the first event).
    @Test(arguments: Engine.available)
    func publicRepliesAndStatusChangesAnnounceTheTicketAndInternalNotesDoNot(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let (submitted, agent) = try await TicketRepositoryCustomerReplyTests.ticket(database, status: .open)
            let tickets = TicketRepository(database)
            let ticket = submitted.ticket
            let events = database.live.subscribe(TicketRepository.liveTopic(ticket.id))
            let by = TicketRepositoryCustomerReplyTests.at(60, agent)
            _ = try await tickets.reply(to: ticket.id, body: "内部备注", visibility: .internal, by: by)
            await database.live.publish(TicketRepository.liveTopic(ticket.id), kind: "sentinel")
            _ = try await tickets.reply(to: ticket.id, body: "发票明天寄出", visibility: .public, by: by)
            _ = try await tickets.update(ticket.id, with: TicketChange(status: .pendingCustomer), by: by)
            _ = try await tickets.customerReply(
                to: ticket.id, body: "谢谢", by: TicketRepositoryCustomerReplyTests.at(120))
            let kinds = try await within("four events") {
                var kinds: [String] = []
                for await event in events {
                    kinds.append(event.kind)
                    if kinds.count == 4 { break }
                }
                return kinds
            }
            #expect(kinds == ["sentinel", "changed", "changed", "changed"])
        }
    }

    /// Two instances on one PostgreSQL: an event published on one reaches a subscriber of the other through
    /// LISTEN/NOTIFY, and the publisher's own subscriber gets it once (its NOTIFY echo is ignored).
    @Test(.enabled(if: Engine.postgresURL != nil, "KEFU_TEST_POSTGRES_URL is not set: no PostgreSQL to relay through"))
    func anEventPublishedOnOneInstanceReachesTheOther() async throws {
        try await withDatabase(.postgres) { first in
            let second = try KefuDatabase(location: first.location, poolSize: 1)
            do {
                let topic = "ticket:relay"
                let (here, there) = (first.live.subscribe(topic), second.live.subscribe(topic))
                let relays = [first.live, second.live].map { live in Task { await live.relay() } }
                defer { for relay in relays { relay.cancel() } }
                let (hereKinds, thereKinds) = try await within("the relayed events") {
                    var (hereIterator, thereIterator) = (here.makeAsyncIterator(), there.makeAsyncIterator())
                    // Each relay says `resync` once it listens: from then on nothing published is missed.
                    let listening = [await hereIterator.next(), await thereIterator.next()].map { $0?.kind }
                    #expect(listening == ["resync", "resync"])
                    await first.live.publish(topic, data: ["n": "1"])
                    let relayed = await thereIterator.next()
                    await second.live.publish(topic, kind: "sentinel")
                    let sentinel = await thereIterator.next()
                    let hereKinds = [await hereIterator.next(), await hereIterator.next()].map { $0?.kind }
                    return (hereKinds, [relayed?.kind, relayed?.data["n"], sentinel?.kind])
                }
                #expect(thereKinds == ["changed", "1", "sentinel"])
                // Published here, then the other's sentinel: the echo of "changed" would have come in between.
                #expect(hereKinds == ["changed", "sentinel"])
                for relay in relays {
                    relay.cancel()
                    await relay.value
                }
            } catch {
                await second.shutdown()
                throw error
            }
            await second.shutdown()
        }
    }
}
