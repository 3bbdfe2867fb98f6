public import Foundation

/// Replays a branch's recorded arrivals through a calling policy (issue 14 §7): the same customers, at the same
/// instants, with the same service times, served by `counters` counters that each take the ticket
/// `QueueCalling.nextTicket` chooses as soon as they come free — so `fifo`, `priority` and `aged` can be compared on
/// what really happened rather than on fitted rates. Pure and deterministic.
public enum QueueReplay {
    /// One recorded ticket: when it arrived (minutes on any axis), its class and how long serving it took.
    public struct RecordedArrival: Sendable, Hashable {
        public var minute: Double
        public var queueClass: QueueClass
        public var serviceMinutes: Double

        public init(minute: Double, queueClass: QueueClass, serviceMinutes: Double) {
            self.minute = minute
            self.queueClass = queueClass
            self.serviceMinutes = serviceMinutes
        }
    }

    /// Each day starts with an empty line and free counters at its first arrival; waits run from arrival to the
    /// start of service, pooled over the days; classes are reported in `classOrder`'s order; the utilisation is the
    /// busy counter-minutes over counters × each day's minutes from its first arrival to its last service's end.
    /// No counters, or no arrivals, give an empty result.
    public static func run(
        days: [[RecordedArrival]], counters: Int, policy: QueuePolicy, classOrder: QueueClassOrder = .default
    ) -> QueueSimulationResult {
        var tallies = classOrder.classes.map { _ in QueueSimulator.Tally() }
        guard counters > 0 else { return result(tallies, classOrder, utilisation: 0) }
        var busy = 0.0
        var capacity = 0.0
        for arrivals in days {
            let day = replay(arrivals, counters: counters, policy: policy, classOrder: classOrder, into: &tallies)
            busy += day.busy
            capacity += day.span * Double(counters)
        }
        return result(tallies, classOrder, utilisation: capacity > 0 ? busy / capacity : 0)
    }

    /// One day into `tallies`: its busy counter-minutes and the minutes from its first arrival to its last end.
    private static func replay(
        _ arrivals: [RecordedArrival], counters: Int, policy: QueuePolicy, classOrder: QueueClassOrder,
        into tallies: inout [QueueSimulator.Tally]
    ) -> (busy: Double, span: Double) {
        let ordered = arrivals.enumerated().sorted { ($0.element.minute, $0.offset) < ($1.element.minute, $1.offset) }
        guard let first = ordered.first?.element.minute else { return (0, 0) }
        // One service for all: a counter of the replay serves every recorded ticket.
        let service = UUID(uuidString: "00000000-0000-0000-0000-000000000000")!
        let view = QueueCounterView(serviceIDs: [service])
        func instant(_ minute: Double) -> Date { Date(timeIntervalSinceReferenceDate: minute * 60) }
        var freeAt = Array(repeating: first, count: counters)
        var waiting: [WaitingTicket] = []
        var recorded: [UUID: RecordedArrival] = [:]
        var next = 0
        var busy = 0.0
        var end = first
        while next < ordered.count || !waiting.isEmpty {
            let counter = freeAt.indices.min { freeAt[$0] < freeAt[$1] }!
            // The next call happens when a counter is free and somebody has arrived; every arrival up to then joins
            // the line first, so the policy chooses among all of them.
            let earliest = waiting.compactMap { recorded[$0.id]?.minute }.min() ?? .infinity
            let start = max(freeAt[counter], earliest)
            if next < ordered.count, ordered[next].element.minute <= start {
                let (sequence, arrival) = ordered[next]
                let id = UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", sequence))!
                waiting.append(
                    WaitingTicket(
                        id: id, serviceID: service, classRank: classOrder.rank(of: arrival.queueClass),
                        arrivedAt: instant(arrival.minute), sequence: Int64(sequence)))
                recorded[id] = arrival
                next += 1
                continue
            }
            guard
                let ticket = QueueCalling.nextTicket(
                    waiting: waiting, counter: view, policy: policy, now: instant(start)),
                let arrival = recorded.removeValue(forKey: ticket.id)
            else { break }
            waiting.removeAll { $0.id == ticket.id }
            tallies[ticket.classRank].record(start - arrival.minute)
            let minutes = max(0, arrival.serviceMinutes)
            busy += minutes
            freeAt[counter] = start + minutes
            end = max(end, start + minutes)
        }
        return (busy, end - first)
    }

    private static func result(_ tallies: [QueueSimulator.Tally], _ order: QueueClassOrder, utilisation: Double)
        -> QueueSimulationResult
    {
        let customers = tallies.reduce(0) { $0 + $1.customers }
        let totalWait = tallies.reduce(0) { $0 + $1.totalWait }
        return QueueSimulationResult(
            customers: customers, meanWaitMinutes: customers == 0 ? 0 : totalWait / Double(customers),
            utilisation: utilisation,
            classes: zip(order.classes, tallies).map { queueClass, tally in tally.result(queueClass.rawValue) })
    }
}
