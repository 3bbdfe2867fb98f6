import Foundation
import Testing

@testable import KefuCore

/// Hand examples of the three calling policies of issue 14 §4, the position rule, the class order and the
/// policy JSON.
@Suite struct QueuePolicyTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let deposits = UUID(uuidString: "00000000-0000-0000-0000-00000000000a")!
    static let loans = UUID(uuidString: "00000000-0000-0000-0000-00000000000b")!

    /// Ticket `number` of `service`, of class rank `rank`, that arrived `minute` minutes after `now − 60 min`.
    static func ticket(_ number: Int, _ rank: Int, at minute: Double, service: UUID = deposits) -> WaitingTicket {
        WaitingTicket(
            id: UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", number))!, serviceID: service,
            classRank: rank, arrivedAt: now.addingTimeInterval((minute - 60) * 60), sequence: Int64(number))
    }

    static let both = QueueCounterView(serviceIDs: [deposits, loans])

    func next(_ waiting: [WaitingTicket], _ policy: QueuePolicy, counter: QueueCounterView = both) -> Int? {
        QueueCalling.nextTicket(waiting: waiting, counter: counter, policy: policy, now: Self.now).map {
            Int($0.sequence)
        }
    }

    @Test func fifoCallsTheEarliestArrivalWhateverTheClass() {
        let waiting = [Self.ticket(2, 0, at: 5), Self.ticket(1, 3, at: 0), Self.ticket(3, 2, at: 1)]
        #expect(next(waiting, .fifo) == 1)
        // Same instant: creation order.
        #expect(next([Self.ticket(5, 0, at: 0), Self.ticket(4, 3, at: 0)], .fifo) == 4)
    }

    @Test func priorityCallsTheFirstClassThenTheEarliestInIt() {
        let waiting = [Self.ticket(1, 3, at: 0), Self.ticket(2, 1, at: 9), Self.ticket(3, 1, at: 4)]
        #expect(next(waiting, .priority) == 3)
        #expect(next([Self.ticket(1, 3, at: 0), Self.ticket(2, 2, at: 59)], .priority) == 2)
    }

    @Test func agedLetsALowerClassClimbOneRankPerAgingMinutes() {
        let aged = QueuePolicy.aged(agingMinutes: 10)
        // At now (minute 60): normal (rank 3) since 0 scores 3 − 60/10 = −3; urgent (0) since 55 scores −0.5.
        #expect(next([Self.ticket(1, 3, at: 0), Self.ticket(2, 0, at: 55)], aged) == 1)
        // Urgent since 35 scores −2.5, normal since 30 scores 3 − 3 = 0.
        #expect(next([Self.ticket(1, 3, at: 30), Self.ticket(2, 0, at: 35)], aged) == 2)
        // Equal scores (rank 1 at 0, rank 0 at 10): the earlier arrival.
        #expect(next([Self.ticket(2, 0, at: 10), Self.ticket(1, 1, at: 0)], aged) == 1)
        // Equal scores and arrivals: creation order.
        #expect(next([Self.ticket(4, 0, at: 10), Self.ticket(3, 0, at: 10)], aged) == 3)
    }

    @Test func priorityLetsLaterArrivalsOvertakeForEverWhereAgedDoesNot() {
        let waiting = [Self.ticket(1, 3, at: 0), Self.ticket(2, 0, at: 59)]
        #expect(next(waiting, .priority) == 2)
        #expect(next(waiting, .aged(agingMinutes: 10)) == 1)
    }

    @Test func aCounterCallsAcrossItsServicesOnly() {
        let waiting = [Self.ticket(1, 3, at: 0, service: Self.loans), Self.ticket(2, 3, at: 5)]
        #expect(next(waiting, .fifo) == 1)
        #expect(next(waiting, .fifo, counter: QueueCounterView(serviceIDs: [Self.deposits])) == 2)
        #expect(next(waiting, .fifo, counter: QueueCounterView(serviceIDs: [UUID()])) == nil)
        #expect(next([], .priority) == nil)
    }

    @Test func theOrderedListIsTheOrderOfSuccessiveCalls() {
        let waiting = [
            Self.ticket(1, 3, at: 0), Self.ticket(2, 0, at: 35), Self.ticket(3, 1, at: 10), Self.ticket(4, 3, at: 5),
        ]
        for policy in [QueuePolicy.fifo, .priority, .aged(agingMinutes: 10)] {
            var left = waiting
            var called: [Int64] = []
            while let ticket = QueueCalling.nextTicket(waiting: left, counter: Self.both, policy: policy, now: Self.now)
            {
                called.append(ticket.sequence)
                left.removeAll { $0.id == ticket.id }
            }
            let ordered = QueueCalling.ordered(waiting.reversed(), policy: policy, now: Self.now)
            #expect(ordered.map(\.sequence) == called, "\(policy)")
        }
        #expect(QueueCalling.ordered(waiting, policy: .priority, now: Self.now).map(\.sequence) == [2, 3, 1, 4])
    }

    @Test func positionCountsTheSameServiceOnlyInCallingOrder() {
        let mine = Self.ticket(4, 3, at: 20)
        let waiting = [
            Self.ticket(1, 3, at: 0), Self.ticket(2, 0, at: 25), Self.ticket(3, 3, at: 10, service: Self.loans), mine,
            Self.ticket(5, 3, at: 30),
        ]
        func position(_ policy: QueuePolicy) -> Int {
            QueueCalling.position(of: mine, among: waiting, policy: policy, now: Self.now)
        }
        #expect(position(.fifo) == 2)
        #expect(position(.priority) == 3)
        // Scores at minute 60, g = 10: mine 3 − 40/10 = −1; #1 3 − 6 = −3; #2 (urgent since 25) −3.5; #5 0.
        #expect(position(.aged(agingMinutes: 10)) == 3)
        // g = 1: mine 3 − 40 = −37; #1 3 − 60 = −57; #2 0 − 35 = −35 now follows mine.
        #expect(position(.aged(agingMinutes: 1)) == 2)
        #expect(QueueCalling.position(of: mine, among: [mine], policy: .fifo, now: Self.now) == 1)
    }

    @Test func classOrderGivesRanks() throws {
        #expect(QueueClassOrder.default.classes == [.urgent, .express, .vip, .normal])
        #expect(QueueClassOrder.default.rank(of: .urgent) == 0)
        #expect(QueueClassOrder.default.rank(of: .normal) == 3)
        let order = try QueueClassOrder([.vip, .urgent, .express, .normal])
        #expect(order.rank(of: .vip) == 0 && order.rank(of: .urgent) == 1)
        #expect(throws: ValidationFailure.self) { try QueueClassOrder([.vip, .vip, .express, .normal]) }
        #expect(throws: ValidationFailure.self) { try QueueClassOrder([.vip, .normal]) }
        let decoded = try JSONDecoder().decode(
            QueueClassOrder.self, from: Data(#"["normal","vip","express","urgent"]"#.utf8))
        #expect(decoded.rank(of: .normal) == 0)
    }

    func decode(_ json: String) throws -> QueuePolicy {
        try JSONDecoder().decode(QueuePolicy.self, from: Data(json.utf8))
    }

    func failure(_ json: String) -> [String] {
        do {
            _ = try JSONDecoder().decode([String: QueuePolicy].self, from: Data(json.utf8))
            return []
        } catch let failure as ValidationFailure {
            return failure.errors.map(\.field)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func policyJSONHasKindAndAgingMinutes() throws {
        #expect(try decode(#"{"kind": "fifo"}"#) == .fifo)
        #expect(try decode(#"{"kind": "priority", "aging_minutes": 5}"#) == .priority)
        #expect(try decode(#"{"kind": "aged", "aging_minutes": 7.5}"#) == .aged(agingMinutes: 7.5))
        #expect(QueuePolicy.aged(agingMinutes: 10).kind == .aged && QueuePolicy.fifo.agingMinutes == nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(QueuePolicy.fifo), as: UTF8.self) == #"{"kind":"fifo"}"#)
        #expect(
            String(decoding: try encoder.encode(QueuePolicy.aged(agingMinutes: 10)), as: UTF8.self)
                == #"{"aging_minutes":10,"kind":"aged"}"#)
    }

    @Test func agedNeedsPositiveAgingMinutesAndKindsAreKnown() {
        #expect(failure(#"{"policy": {"kind": "aged"}}"#) == ["policy.aging_minutes"])
        #expect(failure(#"{"policy": {"kind": "aged", "aging_minutes": 0}}"#) == ["policy.aging_minutes"])
        #expect(failure(#"{"policy": {"kind": "aged", "aging_minutes": -3}}"#) == ["policy.aging_minutes"])
        #expect(failure(#"{"policy": {"kind": "lifo"}}"#) == ["policy.kind"])
        #expect(
            throws: ValidationFailure([
                FieldError(
                    field: "aging_minutes", code: "required", message: "aging_minutes is required for the aged policy.")
            ])
        ) { try QueuePolicy(kind: "aged", agingMinutes: nil) }
    }
}
