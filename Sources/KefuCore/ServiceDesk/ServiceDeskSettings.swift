public import Foundation

/// The service desk's tunable rules, kept with the business settings so an admin changes them
/// without a restart: how many open tickets round-robin gives one agent, how long a resolved ticket
/// reopens on a customer's reply, how many tickets the public form takes from one address an hour,
/// the report factors (the silent-majority rules of thumb, what counts as a recurring cause), and the email
/// channel's limits (mail per sender per minute before it is held, the largest message and attachment kept).
public struct ServiceDeskSettings: Codable, Sendable, Equatable {
    public var ticketCapacity: Int
    public var reopenWindowDays: Int
    public var publicTicketsPerHour: Int
    public var silentMajority: SilentMajorityEstimator
    /// A root cause recorded at least this many times…
    public var recurringCauseCount: Int
    /// …within this many days is recurring.
    public var recurringCauseDays: Int
    /// More mail than this from one sender within a minute is held (the MTA retries later).
    public var mailPerSenderPerMinute: Int
    /// A larger incoming message is refused.
    public var mailMaxMessageBytes: Int
    /// A larger attachment is listed on its message but not kept.
    public var mailMaxAttachmentBytes: Int

    public init(
        ticketCapacity: Int = OwnershipRequest.defaultCapacity, reopenWindowDays: Int = 7,
        publicTicketsPerHour: Int = 20, silentMajority: SilentMajorityEstimator = SilentMajorityEstimator(),
        recurringCauseCount: Int = 3, recurringCauseDays: Int = 30, mailPerSenderPerMinute: Int = 20,
        mailMaxMessageBytes: Int = 25_000_000, mailMaxAttachmentBytes: Int = 10_000_000
    ) {
        self.ticketCapacity = ticketCapacity
        self.reopenWindowDays = reopenWindowDays
        self.publicTicketsPerHour = publicTicketsPerHour
        self.silentMajority = silentMajority
        self.recurringCauseCount = recurringCauseCount
        self.recurringCauseDays = recurringCauseDays
        self.mailPerSenderPerMinute = mailPerSenderPerMinute
        self.mailMaxMessageBytes = mailMaxMessageBytes
        self.mailMaxAttachmentBytes = mailMaxAttachmentBytes
    }

    enum CodingKeys: String, CodingKey {
        case ticketCapacity = "ticket_capacity"
        case reopenWindowDays = "reopen_window_days"
        case publicTicketsPerHour = "public_tickets_per_hour"
        case silentMajority = "silent_majority"
        case recurringCauseCount = "recurring_cause_count"
        case recurringCauseDays = "recurring_cause_days"
        case mailPerSenderPerMinute = "mail_per_sender_per_minute"
        case mailMaxMessageBytes = "mail_max_message_bytes"
        case mailMaxAttachmentBytes = "mail_max_attachment_bytes"
    }

    /// Missing members take their defaults, so settings stored before a member existed still read.
    public init(from decoder: any Decoder) throws {
        let defaults = ServiceDeskSettings()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ticketCapacity = try container.decodeIfPresent(Int.self, forKey: .ticketCapacity) ?? defaults.ticketCapacity
        reopenWindowDays =
            try container.decodeIfPresent(Int.self, forKey: .reopenWindowDays) ?? defaults.reopenWindowDays
        publicTicketsPerHour =
            try container.decodeIfPresent(Int.self, forKey: .publicTicketsPerHour) ?? defaults.publicTicketsPerHour
        silentMajority =
            try container.decodeIfPresent(SilentMajorityEstimator.self, forKey: .silentMajority)
            ?? defaults.silentMajority
        recurringCauseCount =
            try container.decodeIfPresent(Int.self, forKey: .recurringCauseCount) ?? defaults.recurringCauseCount
        recurringCauseDays =
            try container.decodeIfPresent(Int.self, forKey: .recurringCauseDays) ?? defaults.recurringCauseDays
        mailPerSenderPerMinute =
            try container.decodeIfPresent(Int.self, forKey: .mailPerSenderPerMinute) ?? defaults.mailPerSenderPerMinute
        mailMaxMessageBytes =
            try container.decodeIfPresent(Int.self, forKey: .mailMaxMessageBytes) ?? defaults.mailMaxMessageBytes
        mailMaxAttachmentBytes =
            try container.decodeIfPresent(Int.self, forKey: .mailMaxAttachmentBytes) ?? defaults.mailMaxAttachmentBytes
    }

    /// How long after resolution a customer's reply reopens a ticket.
    public var reopenWindow: TimeInterval { TimeInterval(reopenWindowDays) * 24 * 60 * 60 }

    /// Every problem, with fields named as the settings JSON nests them (`service_desk.…`).
    public func validationErrors() -> [FieldError] {
        var errors: [FieldError] = []
        func require(_ ok: Bool, _ key: String, _ message: String) {
            if !ok { errors.append(FieldError(field: "service_desk." + key, code: "out_of_range", message: message)) }
        }
        require(
            (1...10_000).contains(ticketCapacity), CodingKeys.ticketCapacity.rawValue,
            "Ticket capacity must be between 1 and 10000 open tickets.")
        require(
            (0...365).contains(reopenWindowDays), CodingKeys.reopenWindowDays.rawValue,
            "The reopen window must be between 0 and 365 days.")
        require(
            (1...100_000).contains(publicTicketsPerHour), CodingKeys.publicTicketsPerHour.rawValue,
            "Public tickets per hour must be between 1 and 100000.")
        require(
            (2...1_000).contains(recurringCauseCount), CodingKeys.recurringCauseCount.rawValue,
            "A recurring cause needs between 2 and 1000 occurrences.")
        require(
            (1...3_650).contains(recurringCauseDays), CodingKeys.recurringCauseDays.rawValue,
            "The recurring-cause period must be between 1 and 3650 days.")
        require(
            (1...10_000).contains(mailPerSenderPerMinute), CodingKeys.mailPerSenderPerMinute.rawValue,
            "Mail per sender per minute must be between 1 and 10000.")
        require(
            (1_000...1_000_000_000).contains(mailMaxMessageBytes), CodingKeys.mailMaxMessageBytes.rawValue,
            "The largest message must be between 1000 and 1000000000 bytes.")
        require(
            (0...1_000_000_000).contains(mailMaxAttachmentBytes), CodingKeys.mailMaxAttachmentBytes.rawValue,
            "The largest attachment must be between 0 and 1000000000 bytes.")
        errors += silentMajority.validationErrors(prefix: "service_desk." + CodingKeys.silentMajority.rawValue)
        return errors
    }
}

extension SilentMajorityEstimator {
    /// Shares must lie in 0…1 (the complaining share above 0) and ranges run from low to high, at
    /// or above zero: otherwise `estimate` has no honest answer.
    func validationErrors(prefix: String) -> [FieldError] {
        var errors: [FieldError] = []
        let shares: [(CodingKeys, Double)] = [
            (.complainingShare, complainingShare), (.tellingShare, tellingShare),
            (.retellingShare, retellingShare), (.fastResolvedReturnShare, fastResolvedReturnShare),
        ]
        for (key, share) in shares where !(0...1).contains(share) || (key == .complainingShare && share == 0) {
            errors.append(
                FieldError(
                    field: prefix + "." + key.rawValue, code: "out_of_range",
                    message: "A share must be a fraction between 0 and 1 (the complaining share above 0)."))
        }
        let ranges: [(CodingKeys, FigureRange)] = [
            (.toldPerTeller, toldPerTeller), (.retoldPerReteller, retoldPerReteller),
            (.toldPerSatisfied, toldPerSatisfied),
        ]
        for (key, range) in ranges where !(range.low >= 0 && range.low <= range.high && range.high <= 1_000_000) {
            errors.append(
                FieldError(
                    field: prefix + "." + key.rawValue, code: "out_of_range",
                    message: "A range needs 0 ≤ low ≤ high ≤ 1,000,000."))
        }
        return errors
    }
}
