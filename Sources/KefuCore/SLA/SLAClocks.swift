public import Foundation

/// One of the three things an SLA times.
public enum SLAMetric: String, Codable, Sendable, CaseIterable {
    /// Met by the first public reply of an agent.
    case firstResponse = "first_response"
    /// Starts at each customer message that follows an agent's public reply; met by the next one.
    case nextReply = "next_reply"
    /// Met when the ticket is resolved.
    case resolution
}

/// Where a ticket's clocks stand: what has been met, what is waiting, and every pause (the clocks stand
/// still while the ticket is `pending_customer` or `on_hold`).
public struct SLAClockState: Sendable, Equatable {
    public var receivedAt: Date
    public var firstResponseAt: Date?
    /// The customer message that started the running next-reply clock, if one runs.
    public var awaitingReplySince: Date?
    /// Resolved or closed.
    public var isResolved: Bool
    /// Pauses that have ended.
    public var pauses: [ClockPause]
    /// The start of the pause under way, if the ticket waits now.
    public var pausedSince: Date?

    public init(
        receivedAt: Date, firstResponseAt: Date? = nil, awaitingReplySince: Date? = nil, isResolved: Bool = false,
        pauses: [ClockPause] = [], pausedSince: Date? = nil
    ) {
        self.receivedAt = receivedAt
        self.firstResponseAt = firstResponseAt
        self.awaitingReplySince = awaitingReplySince
        self.isResolved = isResolved
        self.pauses = pauses
        self.pausedSince = pausedSince
    }
}

/// When a running clock warns (80 % of its target) and breaches (100 %).
public struct SLADeadline: Sendable, Equatable {
    public var metric: SLAMetric
    public var due: Date
    public var warning: Date
}

extension SLAPolicy {
    /// The share of a target after which the assignee is warned.
    public static let warningShare = 0.8

    /// The target of `metric` in business minutes, nil when the policy sets none.
    public func minutes(for metric: SLAMetric) -> Int? {
        switch metric {
        case .firstResponse: firstResponseMinutes
        case .nextReply: nextReplyMinutes
        case .resolution: resolutionMinutes
        }
    }

    /// The deadlines of the clocks that run for `state` on `calendar`; a met clock has none. While the
    /// ticket is paused, they are computed as if the pause ended `now`.
    public func deadlines(for state: SLAClockState, on calendar: BusinessCalendar, now: Date)
        throws(BusinessTimeError) -> [SLADeadline]
    {
        var pauses = state.pauses
        if let since = state.pausedSince { pauses.append(ClockPause(from: since, to: max(since, now))) }
        var running: [(SLAMetric, Date)] = []
        if state.firstResponseAt == nil, !state.isResolved { running.append((.firstResponse, state.receivedAt)) }
        if let since = state.awaitingReplySince, !state.isResolved { running.append((.nextReply, since)) }
        if !state.isResolved { running.append((.resolution, state.receivedAt)) }
        var deadlines: [SLADeadline] = []
        for (metric, start) in running {
            guard let target = minutes(for: metric) else { continue }
            let warningMinutes = Int((Double(target) * Self.warningShare).rounded(.up))
            deadlines.append(
                SLADeadline(
                    metric: metric, due: try calendar.due(from: start, businessMinutes: target, pauses: pauses),
                    warning: try calendar.due(from: start, businessMinutes: warningMinutes, pauses: pauses)))
        }
        return deadlines
    }
}
