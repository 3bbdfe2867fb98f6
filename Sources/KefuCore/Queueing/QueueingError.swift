/// Why a queueing calculation refused its input: the CLI and the API map these to messages, so every
/// case says which quantity was wrong.
public enum QueueingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A quantity is outside its domain (negative AHT, zero interval, a service level of 1, …).
    case invalidInput(String)
    /// Offered load meets or exceeds capacity (ρ ≥ 1): the queue grows without bound, so no wait exists.
    case unstable(utilisation: Double)
    /// The staffing search passed its safety bound without meeting the targets.
    case targetUnreachable(String)

    public var description: String {
        switch self {
        case .invalidInput(let message):
            return message
        case .unstable(let utilisation):
            return "the queue is unstable: utilisation \(utilisation) must be below 1 (add servers or cut load)"
        case .targetUnreachable(let message):
            return message
        }
    }
}
