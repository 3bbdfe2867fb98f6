public import Foundation

/// A service a branch queues walk-in customers for ("开户", "Deposits"): its ticket prefix starts every number it
/// hands out (`A001`), and its expected service time and target wait drive estimates and reports until real
/// service times have been observed.
public struct QueueService: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var branchID: UUID
    public var name: String
    /// The English name, shown on English pages; the kiosk falls back to `name`.
    public var nameEn: String?
    public var prefix: String
    public var expectedServiceMinutes: Double
    public var targetWaitMinutes: Double
    public var active: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, branchID: UUID, name: String, nameEn: String?, prefix: String, expectedServiceMinutes: Double,
        targetWaitMinutes: Double, active: Bool, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.branchID = branchID
        self.name = name
        self.nameEn = nameEn
        self.prefix = prefix
        self.expectedServiceMinutes = expectedServiceMinutes
        self.targetWaitMinutes = targetWaitMinutes
        self.active = active
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The name for `language` (`en` or Chinese).
    public func name(in language: String) -> String {
        language.hasPrefix("en") ? (nameEn ?? name) : name
    }

    /// What an admin sends to make or change a service.
    public struct Input: Sendable, Equatable {
        public var name: String
        public var nameEn: String?
        public var prefix: String
        public var expectedServiceMinutes: Double
        public var targetWaitMinutes: Double
        public var active: Bool

        public init(
            name: String, nameEn: String? = nil, prefix: String, expectedServiceMinutes: Double,
            targetWaitMinutes: Double, active: Bool = true
        ) {
            self.name = name
            self.nameEn = nameEn
            self.prefix = prefix
            self.expectedServiceMinutes = expectedServiceMinutes
            self.targetWaitMinutes = targetWaitMinutes
            self.active = active
        }

        /// Trimmed, the prefix upper-cased, or every problem: a name of 1–100 characters, a prefix of one to three
        /// letters A–Z, minutes above 0 and at most a day.
        public func validated() throws(ValidationFailure) -> Input {
            var out = self
            var errors: [FieldError] = []
            out.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
            out.nameEn = nameEn?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
            out.prefix = prefix.trimmingCharacters(in: .whitespaces).uppercased()
            if out.name.isEmpty || out.name.count > 100 {
                errors.append(FieldError(field: "name", code: "invalid", message: "Give a name of 1–100 characters."))
            }
            if let en = out.nameEn, en.count > 100 {
                errors.append(FieldError(field: "name_en", code: "too_long", message: "At most 100 characters."))
            }
            if !Self.isPrefix(out.prefix) {
                errors.append(
                    FieldError(
                        field: "prefix", code: "invalid",
                        message: "A prefix is one to three letters A–Z, such as A or VIP."
                    ))
            }
            for (field, value) in [
                ("expected_service_minutes", expectedServiceMinutes), ("target_wait_minutes", targetWaitMinutes),
            ] where !(value > 0 && value <= 1440) {
                errors.append(
                    FieldError(field: field, code: "out_of_range", message: "Give minutes above 0 and at most 1440."))
            }
            guard errors.isEmpty else { throw ValidationFailure(errors) }
            return out
        }

        static func isPrefix(_ text: String) -> Bool {
            (1...3).contains(text.count) && text.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
        }
    }
}
