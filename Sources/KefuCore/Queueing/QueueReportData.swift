public import Foundation

/// What the walk-in queue's reports (`QueueReport`) are built from: one branch's services and the tickets issued
/// there in a period, read once so that every report of a page agrees, and the no-shows the store counted.
public struct QueueReportData: Sendable, Equatable {
    /// A service of the branch, with the target its waits are measured against.
    public struct Service: Sendable, Equatable {
        public var id: UUID
        public var name: String
        public var nameEn: String?
        public var targetWaitMinutes: Double

        public init(id: UUID, name: String, nameEn: String? = nil, targetWaitMinutes: Double) {
            self.id = id
            self.name = name
            self.nameEn = nameEn
            self.targetWaitMinutes = targetWaitMinutes
        }
    }

    /// A ticket issued in the period, with its times and who served it.
    public struct Ticket: Sendable, Equatable {
        public var serviceID: UUID
        public var queueClass: QueueClass
        public var counterID: UUID?
        /// The staff member who served it, and their name.
        public var agentID: UUID?
        public var agentName: String?
        public var issuedAt: Date
        public var calledAt: Date?
        public var startedAt: Date?
        public var finishedAt: Date?
        /// The range it was promised when issued.
        public var estimate: QueueWaitRange?

        public init(
            serviceID: UUID, queueClass: QueueClass, counterID: UUID? = nil, agentID: UUID? = nil,
            agentName: String? = nil, issuedAt: Date, calledAt: Date? = nil, startedAt: Date? = nil,
            finishedAt: Date? = nil, estimate: QueueWaitRange? = nil
        ) {
            self.serviceID = serviceID
            self.queueClass = queueClass
            self.counterID = counterID
            self.agentID = agentID
            self.agentName = agentName
            self.issuedAt = issuedAt
            self.calledAt = calledAt
            self.startedAt = startedAt
            self.finishedAt = finishedAt
            self.estimate = estimate
        }

        /// Seconds from issue to call; nil until called.
        public var waitSeconds: Double? { calledAt.map { max(0, $0.timeIntervalSince(issuedAt)) } }

        /// Seconds from the start of service to its end; nil until finished.
        public var serviceSeconds: Double? {
            guard let startedAt, let finishedAt else { return nil }
            return max(0, finishedAt.timeIntervalSince(startedAt))
        }
    }

    /// A service's called tickets (called, or gone beyond it) and how many of them never came.
    public struct NoShows: Sendable, Equatable {
        public var serviceID: UUID
        public var called: Int
        public var noShows: Int

        public init(serviceID: UUID, called: Int, noShows: Int) {
            self.serviceID = serviceID
            self.called = called
            self.noShows = noShows
        }
    }

    /// In the order the reports list them.
    public var services: [Service]
    public var tickets: [Ticket]
    public var noShows: [NoShows]
    /// The days in the period, which per-day figures are averaged over.
    public var days: Int
    /// The branch's time zone, which hours of the day are counted in.
    public var timeZone: TimeZone

    public init(services: [Service], tickets: [Ticket], noShows: [NoShows], days: Int, timeZone: TimeZone) {
        self.services = services
        self.tickets = tickets
        self.noShows = noShows
        self.days = days
        self.timeZone = timeZone
    }
}
