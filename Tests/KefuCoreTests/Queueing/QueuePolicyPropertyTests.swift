import Foundation
import Testing

@testable import KefuCore

/// The properties issue 14 §4 asks of the calling policy, on seeded random queues: FIFO within a class, the same
/// answer for the same tickets in any order, and under `aged` no ticket is overtaken by anyone who arrived
/// `aging_minutes × (classes − 1)` or more after it.
@Suite struct QueuePolicyPropertyTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let services = (1...3).map { UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", $0))! }

    static func policy(_ random: inout SplitMix) -> QueuePolicy {
        switch random.next() % 3 {
        case 0: return .fifo
        case 1: return .priority
        default: return .aged(agingMinutes: [0.5, 1, 2.5, 10, 30].randomElement(using: &random)!)
        }
    }

    /// Up to 40 tickets over the last two hours, whole or fractional minutes so that arrival ties happen.
    static func waiting(_ random: inout SplitMix, classes: Int) -> [WaitingTicket] {
        (0..<Int(random.next() % 40)).map { index in
            let minute = random.next() % 2 == 0 ? Double(random.next() % 120) : random.nextUnit() * 120
            return WaitingTicket(
                id: UUID(), serviceID: services.randomElement(using: &random)!,
                classRank: Int(random.next() % UInt64(classes)), arrivedAt: now.addingTimeInterval(-minute * 60),
                sequence: Int64(index))
        }
    }

    /// The tickets in the order a counter serving `serviceIDs` calls them, calling until none is left.
    static func callOrder(_ tickets: [WaitingTicket], policy: QueuePolicy, serviceIDs: [UUID]) -> [WaitingTicket] {
        var waiting = tickets
        var called: [WaitingTicket] = []
        let counter = QueueCounterView(serviceIDs: serviceIDs)
        while let next = QueueCalling.nextTicket(waiting: waiting, counter: counter, policy: policy, now: now) {
            called.append(next)
            waiting.removeAll { $0.id == next.id }
        }
        return called
    }

    @Test func withinAClassTicketsAreCalledInArrivalOrder() {
        var random = SplitMix(seed: 14_04)
        for _ in 0..<300 {
            let policy = Self.policy(&random)
            let tickets = Self.waiting(&random, classes: 4)
            let serviceIDs = Array(Self.services.prefix(1 + Int(random.next() % 3)))
            let called = Self.callOrder(tickets, policy: policy, serviceIDs: serviceIDs)
            #expect(called.count == tickets.filter { serviceIDs.contains($0.serviceID) }.count)
            for rank in 0..<4 {
                let keys = called.filter { $0.classRank == rank }.map { ($0.arrivedAt, $0.sequence) }
                #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 }, "\(policy) rank \(rank)")
            }
        }
    }

    @Test func theSameTicketsInAnyOrderGiveTheSameAnswer() {
        var random = SplitMix(seed: 14_05)
        for _ in 0..<300 {
            let policy = Self.policy(&random)
            let tickets = Self.waiting(&random, classes: 4)
            let counter = QueueCounterView(serviceIDs: Self.services.prefix(1 + Int(random.next() % 3)))
            let shuffled = tickets.shuffled(using: &random)
            let first = QueueCalling.nextTicket(waiting: tickets, counter: counter, policy: policy, now: Self.now)
            #expect(QueueCalling.nextTicket(waiting: tickets, counter: counter, policy: policy, now: Self.now) == first)
            #expect(
                QueueCalling.nextTicket(waiting: shuffled, counter: counter, policy: policy, now: Self.now) == first)
            // A position is where the ticket comes when its service's tickets are called one by one.
            for service in Self.services {
                let order = Self.callOrder(tickets, policy: policy, serviceIDs: [service])
                for (index, ticket) in order.enumerated() {
                    #expect(
                        QueueCalling.position(of: ticket, among: tickets, policy: policy, now: Self.now) == index + 1)
                    #expect(
                        QueueCalling.position(of: ticket, among: shuffled, policy: policy, now: Self.now) == index + 1)
                }
            }
        }
    }

    /// A branch minute by minute for four hours: tickets arrive, then each of `counters` counters (serving every
    /// service) calls the next ticket, until everyone is called. Returns how many tickets were called after
    /// someone (by call order, or in a later minute) who arrived `bound` minutes or more after them.
    static func overtaken(
        policy: QueuePolicy, classes: Int, counters: Int, bound: Double, _ random: inout SplitMix
    ) -> Int {
        var arrivals: [WaitingTicket] = []
        for minute in 0..<240 {
            for _ in 0..<Int(random.next() % UInt64(counters + 2)) {
                arrivals.append(
                    WaitingTicket(
                        id: UUID(), serviceID: services.randomElement(using: &random)!,
                        classRank: Int(random.next() % UInt64(classes)),
                        arrivedAt: now.addingTimeInterval(Double(minute) * 60), sequence: Int64(arrivals.count)))
            }
        }
        let all = QueueCounterView(serviceIDs: services)
        var waiting: [WaitingTicket] = []
        var calledAt: [UUID: Int] = [:]
        var order: [UUID: Int] = [:]
        var minute = 0
        var pending = arrivals[...]
        while !pending.isEmpty || !waiting.isEmpty {
            let instant = now.addingTimeInterval(Double(minute) * 60)
            while let first = pending.first, first.arrivedAt <= instant {
                waiting.append(first)
                pending = pending.dropFirst()
            }
            for _ in 0..<counters {
                guard let next = QueueCalling.nextTicket(waiting: waiting, counter: all, policy: policy, now: instant)
                else { break }
                waiting.removeAll { $0.id == next.id }
                calledAt[next.id] = minute
                order[next.id] = order.count
            }
            minute += 1
        }
        // Arrivals are in arrival order, so the earliest call among everyone from position j on is a suffix minimum.
        var laterOrder = [Int](repeating: .max, count: arrivals.count + 1)
        var laterMinute = [Int](repeating: .max, count: arrivals.count + 1)
        for index in arrivals.indices.reversed() {
            laterOrder[index] = min(laterOrder[index + 1], order[arrivals[index].id]!)
            laterMinute[index] = min(laterMinute[index + 1], calledAt[arrivals[index].id]!)
        }
        var overtaken = 0
        var first = 0
        for ticket in arrivals {
            while first < arrivals.count, arrivals[first].arrivedAt.timeIntervalSince(ticket.arrivedAt) / 60 < bound {
                first += 1
            }
            if laterOrder[first] < order[ticket.id]! || laterMinute[first] < calledAt[ticket.id]! { overtaken += 1 }
        }
        return overtaken
    }

    /// Arrivals average up to one per counter a minute, so queues build up and overtaking has a chance.
    @Test func agedNeverLetsAnyoneArrivingAgingTimesClassesMinusOneLaterOvertake() {
        var random = SplitMix(seed: 14_06)
        var priorityOvertaken = 0
        for _ in 0..<40 {
            let classes = 2 + Int(random.next() % 3)
            let aging = [1, 2.5, 5, 10].randomElement(using: &random)!
            let counters = 1 + Int(random.next() % 3)
            let bound = aging * Double(classes - 1)
            let overtaken = Self.overtaken(
                policy: .aged(agingMinutes: aging), classes: classes, counters: counters, bound: bound, &random)
            #expect(overtaken == 0, "g \(aging), \(classes) classes, \(counters) counters")
            priorityOvertaken += Self.overtaken(
                policy: .priority, classes: classes, counters: counters, bound: bound, &random)
        }
        // The check has teeth: strict priority does let much later arrivals overtake.
        #expect(priorityOvertaken > 0)
    }
}

/// `arrivalBound`, which the store counts a line's tickets ahead with, says what `QueueCalling` says for every
/// ticket that did not arrive at the bound itself.
@Suite struct ArrivalBoundTests {
    @Test func theBoundAgreesWithThePolicyAwayFromIt() {
        var random = SplitMix(seed: 14_07)
        for _ in 0..<300 {
            let policy = QueuePolicyPropertyTests.policy(&random)
            let tickets = QueuePolicyPropertyTests.waiting(&random, classes: 4)
            for ticket in tickets {
                for var other in tickets where other.id != ticket.id {
                    other.serviceID = ticket.serviceID
                    let ahead =
                        QueueCalling.position(
                            of: ticket, among: [other], policy: policy, now: QueuePolicyPropertyTests.now)
                        == 2
                    switch policy.arrivalBound(classRank: other.classRank, aheadOf: ticket) {
                    case .none: #expect(!ahead, "\(policy)")
                    case .all: #expect(ahead, "\(policy)")
                    case .before(let instant):
                        if abs(other.arrivedAt.timeIntervalSince(instant)) > 0.001 {
                            #expect(ahead == (other.arrivedAt < instant), "\(policy)")
                        }
                    }
                }
            }
        }
    }
}
