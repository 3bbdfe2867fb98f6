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
        errors += Self.tagErrors(out.tags)
        out.priority = priority ?? .default
        out.receivedAt = receivedAt ?? now
        if let receivedAt, receivedAt > now.addingTimeInterval(Self.futureTolerance) {
            errors.append(
                FieldError(field: "received_at", code: "in_future", message: "Received at may not be in the future."))
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return out
    }

    /// The customer tag limits (`CustomerRules`), so a tag valid on a customer is valid on a ticket. The Customers
    /// module keeps its own check private; the codes are the same.
    private static func tagErrors(_ tags: [String]) -> [FieldError] {
        let problems: [(failed: Bool, code: String, message: String)] = [
            (tags.count > CustomerRules.maxTags, "too_many", "At most \(CustomerRules.maxTags) tags."),
            (
                tags.contains { $0.count > CustomerRules.maxTagLength }, "too_long",
                "A tag is longer than \(CustomerRules.maxTagLength) characters."
            ),
            (
                tags.contains { $0.contains(";") }, "invalid_tag",
                "A tag may not contain \";\", which separates tags in CSV files."
            ),
        ]
        return problems.filter { $0.failed }.map { FieldError(field: "tags", code: $0.code, message: $0.message) }
    }
}
