public import Foundation

/// What a staff member sends to record one complaint step (`PUT /api/v1/tickets/{id}/complaint/{step}`).
public struct ComplaintStepInput: Codable, Sendable, Equatable {
    public var note: String
    /// The taxonomy cause; required on `root_cause`, refused elsewhere.
    public var causeID: UUID?
    /// How long the customer spoke (002: "give the customer seven minutes"); only on `listen`.
    public var listenedSeconds: Int?

    public init(note: String, causeID: UUID? = nil, listenedSeconds: Int? = nil) {
        self.note = note
        self.causeID = causeID
        self.listenedSeconds = listenedSeconds
    }

    enum CodingKeys: String, CodingKey {
        case note
        case causeID = "cause_id"
        case listenedSeconds = "listened_seconds"
    }
}

/// One recorded step: who, when, a note, and the step's own detail.
public struct ComplaintStepRecord: Codable, Sendable, Equatable {
    public var byID: UUID
    public var recordedAt: Date
    public var note: String
    public var causeID: UUID?
    public var listenedSeconds: Int?

    public init(byID: UUID, recordedAt: Date, note: String, causeID: UUID? = nil, listenedSeconds: Int? = nil) {
        self.byID = byID
        self.recordedAt = recordedAt
        self.note = note
        self.causeID = causeID
        self.listenedSeconds = listenedSeconds
    }

    enum CodingKeys: String, CodingKey {
        case byID = "by_id"
        case recordedAt = "recorded_at"
        case note
        case causeID = "cause_id"
        case listenedSeconds = "listened_seconds"
    }
}

/// The protocol steps recorded on one complaint. Its JSON is the API's answer:
/// `{"steps": {"listen": {…} | null, …}, "missing": [...]}` with every step present.
public struct ComplaintRecord: Codable, Sendable, Equatable {
    public var steps: [ComplaintStep: ComplaintStepRecord]

    public init(steps: [ComplaintStep: ComplaintStepRecord] = [:]) { self.steps = steps }

    public static let maxNoteLength = 10_000

    /// The steps the resolution gate still waits for, in step order; empty when the complaint may be resolved.
    public var missing: [ComplaintStep] { ComplaintStep.requiredToResolve.filter { steps[$0] == nil } }

    /// Records (or re-records: the latest word counts) `step` from `input`, or throws every problem with it.
    /// `note` is required; `cause_id` belongs to `root_cause` (where it is required) and `listened_seconds`
    /// to `listen` (a whole number of seconds, not negative). Whether the cause exists is the store's question.
    public mutating func record(
        _ step: ComplaintStep, _ input: ComplaintStepInput, by staffID: UUID, at now: Date
    ) throws(ServiceDeskError) {
        let note = input.note.trimmingWhitespace()
        var errors: [FieldError] = []
        if note.isEmpty {
            errors.append(FieldError(field: "note", code: "required", message: "Say what happened in this step."))
        } else if note.count > Self.maxNoteLength {
            errors.append(
                FieldError(field: "note", code: "too_long", message: "Longer than \(Self.maxNoteLength) characters."))
        }
        switch (step, input.causeID) {
        case (.rootCause, nil):
            errors.append(FieldError(field: "cause_id", code: "required", message: "Name the root cause."))
        case (.rootCause, _), (_, nil): break
        default:
            errors.append(
                FieldError(field: "cause_id", code: "not_allowed", message: "A cause belongs to the root_cause step."))
        }
        switch (step, input.listenedSeconds) {
        case (_, nil): break
        case (.listen, let seconds?) where seconds < 0:
            errors.append(
                FieldError(field: "listened_seconds", code: "negative", message: "Listened seconds cannot be negative.")
            )
        case (.listen, _): break
        default:
            errors.append(
                FieldError(
                    field: "listened_seconds", code: "not_allowed",
                    message: "Listened seconds belong to the listen step."))
        }
        guard errors.isEmpty else { throw .invalid(errors) }
        steps[step] = ComplaintStepRecord(
            byID: staffID, recordedAt: now, note: note, causeID: input.causeID, listenedSeconds: input.listenedSeconds)
    }

    enum CodingKeys: String, CodingKey {
        case steps, missing
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let stored = try c.decode([ComplaintStep: ComplaintStepRecord?].self, forKey: .steps)
        steps = stored.compactMapValues { $0 }
    }

    /// Every step is written, unrecorded ones as `null`, so a client can draw all six without knowing them.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        var all = c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .steps)
        for step in ComplaintStep.allCases { try all.encode(steps[step], forKey: AnyCodingKey(step.rawValue)) }
        try c.encode(missing, forKey: .missing)
    }
}
