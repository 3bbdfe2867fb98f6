public import Foundation

/// A walk-in queue ticket (`A001`): issued at the kiosk, by staff, by a remote link or by the API, then called,
/// served and finished at a counter. `arrivedAt` is its place in line: a transfer keeps it by default, and a
/// customer who rejoins after a no-show goes to the back with a new one.
public struct QueueTicket: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var branchID: UUID
    public var serviceID: UUID
    /// The printed number, `prefix` + a per-service, per-day sequence of at least three digits.
    public var number: String
    /// The branch's local day the number belongs to (`2026-12-03`).
    public var day: String
    public var queueClass: QueueClass
    public var status: Status
    public var customerID: UUID?
    public var phone: String?
    /// How it was issued: `kiosk`, `staff`, `remote` or `api`.
    public var channel: String
    public var arrivedAt: Date
    public var issuedAt: Date
    public var calledAt: Date?
    public var counterID: UUID?
    /// A ticket transferred to a counter waits for that counter only.
    public var targetCounterID: UUID?
    public var callReason: String?
    public var recalls: Int
    public var startedAt: Date?
    public var finishedAt: Date?
    public var outcome: String?
    public var servedBy: UUID?
    /// The range the ticket was promised when issued, in minutes: kept to measure the estimates' accuracy.
    public var estimateLow: Int?
    public var estimateHigh: Int?
    public var updatedAt: Date

    public enum Status: String, Codable, Sendable, CaseIterable {
        case waiting, called, serving, parked
        case noShow = "no_show"
        case finished
    }

    /// What a counter does to a ticket (issue 14 §3), each allowed from some statuses only.
    public enum Action: String, Sendable, CaseIterable {
        case call, recall
        case noShow = "no-show"
        case park, start, finish, transfer, rejoin

        /// The statuses the action may start from.
        public var from: Set<Status> {
            switch self {
            case .call: [.waiting, .parked]
            case .recall: [.called]
            case .noShow: [.called]
            case .park: [.called, .serving]
            case .start: [.called]
            case .finish: [.called, .serving]
            case .transfer: [.waiting, .called, .serving, .parked]
            case .rejoin: [.noShow]
            }
        }
    }

    public init(
        id: UUID, branchID: UUID, serviceID: UUID, number: String, day: String, queueClass: QueueClass, status: Status,
        customerID: UUID? = nil, phone: String? = nil, channel: String, arrivedAt: Date, issuedAt: Date,
        calledAt: Date? = nil, counterID: UUID? = nil, targetCounterID: UUID? = nil, callReason: String? = nil,
        recalls: Int = 0, startedAt: Date? = nil, finishedAt: Date? = nil, outcome: String? = nil,
        servedBy: UUID? = nil, estimateLow: Int? = nil, estimateHigh: Int? = nil, updatedAt: Date
    ) {
        self.id = id
        self.branchID = branchID
        self.serviceID = serviceID
        self.number = number
        self.day = day
        self.queueClass = queueClass
        self.status = status
        self.customerID = customerID
        self.phone = phone
        self.channel = channel
        self.arrivedAt = arrivedAt
        self.issuedAt = issuedAt
        self.calledAt = calledAt
        self.counterID = counterID
        self.targetCounterID = targetCounterID
        self.callReason = callReason
        self.recalls = recalls
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.servedBy = servedBy
        self.estimateLow = estimateLow
        self.estimateHigh = estimateHigh
        self.updatedAt = updatedAt
    }

    /// `prefix` and the day's sequence, zero-padded to at least three digits: `A001`, …, `A999`, `A1000`.
    public static func number(prefix: String, sequence: Int64) -> String {
        let digits = String(sequence)
        return prefix + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    /// The local day (`yyyy-MM-dd`) of `instant` in `timeZone`, which numbers restart on.
    public static func day(of instant: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
