/// How a follow-up reaches the customer.
public enum FollowUpChannel: String, Codable, Sendable, CaseIterable {
    case phone
    case visit
    case message

    /// The channel of the ticket an `issue_found` outcome opens: what the agent was doing when they heard it.
    public var ticketChannel: TicketChannel {
        switch self {
        case .phone: .phone
        case .visit: .walkIn
        case .message: .social
        }
    }
}

/// The script or checklist an agent follows, in each language the UI speaks.
public typealias FollowUpScript = BilingualText

/// One step of a plan: a task `offsetDays` after the trigger's local date, on `channel`, with `script`.
public struct FollowUpStep: Codable, Sendable, Equatable {
    public var offsetDays: Int
    public var channel: FollowUpChannel
    public var script: FollowUpScript

    public init(offsetDays: Int, channel: FollowUpChannel, script: FollowUpScript = FollowUpScript()) {
        self.offsetDays = offsetDays
        self.channel = channel
        self.script = script
    }

    enum CodingKeys: String, CodingKey {
        case offsetDays = "offset_days"
        case channel, script
    }

    /// `script` may be left out.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        offsetDays = try c.decode(Int.self, forKey: .offsetDays)
        channel = try c.decode(FollowUpChannel.self, forKey: .channel)
        script = try c.decodeIfPresent(FollowUpScript.self, forKey: .script) ?? FollowUpScript()
    }
}
