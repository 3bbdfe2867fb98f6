public import Foundation

extension TicketDraft {
    public static let maxSubjectLength = 200
    public static let maxDescriptionLength = 20_000
    /// How far `received_at` may lie ahead of the server's `now`: the clock of the device that sent it may run a
    /// little fast, and refusing a call logged "just now" for that would only annoy.
    public static let futureTolerance: TimeInterval = 5 * 60

    /// Returns the draft with subject and description trimmed, tags cleaned as on customers, the priority and
    /// `received_at` defaulted — or throws every problem found, each naming its JSON field.
    public func validated(now: Date) throws(ValidationFailure) -> TicketDraft {
        var out = self
        var errors: [FieldError] = []
        out.subject = subject.trimmingWhitespace()
        if out.subject.isEmpty {
            errors.append(FieldError(field: "subject", code: "required", message: "Subject is required."))
        } else if out.subject.count > Self.maxSubjectLength {
            errors.append(
                FieldError(
                    field: "subject", code: "too_long",
                    message: "Subject is longer than \(Self.maxSubjectLength) characters."))
        }
        out.description = description.trimmingWhitespace()
        if out.description.count > Self.maxDescriptionLength {
            errors.append(
                FieldError(
                    field: "description", code: "too_long",
                    message: "Description is longer than \(Self.maxDescriptionLength) characters."))
        }
        out.tags = CustomerProfile.cleanTags(tags)
        errors += CustomerRules.tagErrors(out.tags, field: "tags")
        out.priority = priority ?? .default
        out.receivedAt = receivedAt ?? now
        if let receivedAt, receivedAt > now.addingTimeInterval(Self.futureTolerance) {
            errors.append(
                FieldError(field: "received_at", code: "in_future", message: "Received at may not be in the future."))
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return out
    }
}
