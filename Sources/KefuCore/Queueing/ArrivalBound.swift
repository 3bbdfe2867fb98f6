public import Foundation

/// Which tickets of one class a policy calls before a given ticket, as a bound on their arrival: within a class
/// every policy calls in arrival order, so "ahead of me" is always "arrived before some instant". It lets the
/// store count a line's tickets ahead with an indexed `COUNT` instead of loading the whole line; tickets
/// arriving at the bound itself tie and are compared one by one (`QueueCalling.position`).
public enum ArrivalBound: Sendable, Hashable {
    /// No ticket of the class comes first.
    case none
    /// Every ticket of the class comes first.
    case all
    /// Those arriving before the instant come first, those after it do not.
    case before(Date)
}

extension QueuePolicy {
    /// The bound for the tickets of `classRank` ahead of `ticket`. Under `aged` a class `k` ranks below the
    /// ticket's climbs one rank per `agingMinutes`, so its tickets come first when they arrived more than
    /// `k × agingMinutes` before it (and a higher class's up to that much after it).
    public func arrivalBound(classRank: Int, aheadOf ticket: WaitingTicket) -> ArrivalBound {
        switch self {
        case .fifo:
            return .before(ticket.arrivedAt)
        case .priority:
            if classRank < ticket.classRank { return .all }
            return classRank == ticket.classRank ? .before(ticket.arrivedAt) : .none
        case .aged(let agingMinutes):
            let ranks = Double(ticket.classRank - classRank)
            return .before(ticket.arrivedAt.addingTimeInterval(ranks * agingMinutes * 60))
        }
    }
}
