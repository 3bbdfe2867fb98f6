/// How a branch chooses the next ticket to call (issue 14 §4). `priority` serves the higher classes first, which
/// under load can keep a low class waiting for ever; `aged` lets a ticket climb one class rank per
/// `agingMinutes` of waiting, so nobody who arrived more than `agingMinutes × (classes − 1)` later is ever
/// called before it (docs/SCIENCE.md §13).
public enum QueuePolicy: Sendable, Hashable {
    /// Earliest arrival first, whatever the class.
    case fifo
    /// Class order first, earliest arrival within a class (non-preemptive); the default of a new branch.
    case priority
    /// The lowest `class_rank − waited_minutes / agingMinutes` first, ties by arrival.
    case aged(agingMinutes: Double)

    /// The JSON `kind`.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case fifo, priority, aged
    }

    public var kind: Kind {
        switch self {
        case .fifo: return .fifo
        case .priority: return .priority
        case .aged: return .aged
        }
    }

    /// Minutes of waiting that are worth one class rank; nil unless `aged`.
    public var agingMinutes: Double? {
        if case .aged(let minutes) = self { return minutes }
        return nil
    }

    /// The policy of the JSON fields `kind` and `aging_minutes`: an unknown kind, or `aged` without a positive
    /// `aging_minutes`, fails naming that field below `path` (the fields' parent, `policy` in a simulator config).
    /// `aging_minutes` is ignored for the other kinds.
    public init(kind: String, agingMinutes: Double?, path: [any CodingKey] = []) throws(ValidationFailure) {
        switch Kind(rawValue: kind) {
        case .fifo: self = .fifo
        case .priority: self = .priority
        case .aged:
            guard let agingMinutes else {
                throw ValidationFailure([
                    FieldError(
                        field: JSONPath.field(CodingKeys.agingMinutes.rawValue, under: path), code: "required",
                        message: "aging_minutes is required for the aged policy.")
                ])
            }
            guard agingMinutes > 0, agingMinutes.isFinite else {
                throw ValidationFailure([
                    FieldError(
                        field: JSONPath.field(CodingKeys.agingMinutes.rawValue, under: path), code: "out_of_range",
                        message: "aging_minutes must be more than 0.")
                ])
            }
            self = .aged(agingMinutes: agingMinutes)
        case nil:
            throw ValidationFailure([
                FieldError(
                    field: JSONPath.field(CodingKeys.kind.rawValue, under: path), code: "unknown_kind",
                    message: "Unknown policy kind \"\(kind)\" (fifo, priority or aged).")
            ])
        }
    }

    /// Whether the ticket at `place` is called before the one at `other`. A strict total order on places with
    /// distinct sequence numbers; within one class it is arrival order under every policy, which is what lets the
    /// simulator keep one FIFO queue per class and compare only their heads.
    public func callsFirst(_ place: QueuePlace, before other: QueuePlace) -> Bool {
        switch self {
        case .fifo:
            return (place.arrivalMinute, place.sequence) < (other.arrivalMinute, other.sequence)
        case .priority:
            return (place.classRank, place.arrivalMinute, place.sequence)
                < (other.classRank, other.arrivalMinute, other.sequence)
        case .aged(let agingMinutes):
            // rank − waited / g, times g: rank·g + arrival − now. Leaving out the common `now` keeps an exact tie
            // exact (arrivals g·Δrank apart), and the order is the same at every instant.
            let score = Double(place.classRank) * agingMinutes + place.arrivalMinute
            let otherScore = Double(other.classRank) * agingMinutes + other.arrivalMinute
            return (score, place.arrivalMinute, place.sequence) < (otherScore, other.arrivalMinute, other.sequence)
        }
    }
}

extension QueuePolicy: Codable {
    enum CodingKeys: String, CodingKey {
        case kind
        case agingMinutes = "aging_minutes"
    }

    /// `{"kind": "fifo" | "priority" | "aged", "aging_minutes": 10}`; a wrong value throws `ValidationFailure`
    /// naming its JSON path, a wrong type `DecodingError`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            kind: container.decode(String.self, forKey: .kind),
            agingMinutes: container.decodeIfPresent(Double.self, forKey: .agingMinutes), path: decoder.codingPath)
    }

    /// `aging_minutes` only for `aged`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encodeIfPresent(agingMinutes, forKey: .agingMinutes)
    }
}
