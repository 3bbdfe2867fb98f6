public import Foundation

/// Which waiting ticket a counter calls, and where a ticket stands in line (issue 14 §4, §8): one order,
/// `QueuePolicy.callsFirst`, decides both, so the position a customer is shown is the order they will be called in.
public enum QueueCalling {
    /// The ticket `policy` calls next at `counter` at `now`, across all the counter's services; nil when nobody
    /// waits for them. The same inputs in any order give the same ticket.
    public static func nextTicket(
        waiting: [WaitingTicket], counter: QueueCounterView, policy: QueuePolicy, now: Date
    ) -> WaitingTicket? {
        var best: (ticket: WaitingTicket, place: QueuePlace)?
        for ticket in waiting where counter.serviceIDs.contains(ticket.serviceID) {
            let place = ticket.place(at: now)
            if let current = best, !precedes(ticket, place, current.ticket, current.place, policy) { continue }
            best = (ticket, place)
        }
        return best?.ticket
    }

    /// `waiting` in the order `policy` at `now` calls them (the counter console's list): each ticket comes before
    /// every one that `nextTicket` would choose after it.
    public static func ordered(_ waiting: [WaitingTicket], policy: QueuePolicy, now: Date) -> [WaitingTicket] {
        waiting.map { ($0, $0.place(at: now)) }.sorted { precedes($0.0, $0.1, $1.0, $1.1, policy) }.map(\.0)
    }

    /// 1 + the waiting tickets of the same service that `policy` at `now` would call before `ticket` (the API's
    /// `position`). `waiting` may include `ticket` itself.
    public static func position(
        of ticket: WaitingTicket, among waiting: [WaitingTicket], policy: QueuePolicy, now: Date
    )
        -> Int
    {
        let place = ticket.place(at: now)
        var ahead = 0
        for other in waiting where other.serviceID == ticket.serviceID && other.id != ticket.id {
            if precedes(other, other.place(at: now), ticket, place, policy) { ahead += 1 }
        }
        return ahead + 1
    }

    /// The policy's order, then the id, so that even two tickets with one sequence number have a fixed order.
    private static func precedes(
        _ ticket: WaitingTicket, _ place: QueuePlace, _ other: WaitingTicket, _ otherPlace: QueuePlace,
        _ policy: QueuePolicy
    ) -> Bool {
        if policy.callsFirst(place, before: otherPlace) { return true }
        if policy.callsFirst(otherPlace, before: place) { return false }
        return ticket.id.uuidString < other.id.uuidString
    }
}
