public import Foundation

/// A physical location of the business (hotel, bank branch, shop). Later capabilities hang SLAs,
/// queues and reports off branches, so their time zone and opening hours live here.
public struct BranchProfile: Codable, Sendable, Equatable {
    public var name: String = ""
    public var address: String?
    public var timeZone: String?
    /// Opening hours per weekday (`mon`…`sun`), each "HH:MM-HH:MM" or nil when closed: a summary of the
    /// branch's business calendar, which holds the full hours (see `BusinessCalendar.branchHours`).
    public var businessHours: [String: String?] = BranchProfile.defaultHours

    public static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    public static let defaultHours: [String: String?] = Dictionary(
        uniqueKeysWithValues: weekdays.map {
            ($0, $0 == "sun" ? nil : "09:00-18:00")
        })

    public init() {}

    enum CodingKeys: String, CodingKey {
        case name, address
        case timeZone = "time_zone"
        case businessHours = "business_hours"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        address = try c.decodeIfPresent(String.self, forKey: .address)
        timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone)
        businessHours = try c.decodeIfPresent([String: String?].self, forKey: .businessHours) ?? Self.defaultHours
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(address, forKey: .address)
        try c.encode(timeZone, forKey: .timeZone)
        var hours = c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .businessHours)
        for day in Self.weekdays { try hours.encode(businessHours[day] ?? nil, forKey: AnyCodingKey(day)) }
    }

    /// Trimmed and complete (every weekday present, the business time zone as default), or every problem.
    public func validated(defaultTimeZone: String) throws(ValidationFailure) -> BranchProfile {
        var out = self
        var errors: [FieldError] = []
        out.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if out.name.isEmpty { errors.append(FieldError(field: "name", code: "required", message: "Name is required.")) }
        if out.name.count > 200 {
            errors.append(FieldError(field: "name", code: "too_long", message: "Name is too long."))
        }
        out.address = address?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        out.timeZone = timeZone?.trimmingCharacters(in: .whitespaces).nilIfEmpty ?? defaultTimeZone
        if TimeZone(identifier: out.timeZone!) == nil {
            errors.append(
                FieldError(
                    field: "time_zone", code: "invalid_time_zone",
                    message: "\"\(out.timeZone!)\" is not a known time zone."))
        }
        for key in businessHours.keys where !Self.weekdays.contains(key) {
            errors.append(FieldError(field: "business_hours.\(key)", code: "unknown_day", message: "Days are mon…sun."))
        }
        out.businessHours = [:]
        for day in Self.weekdays {
            let hours = businessHours[day] ?? nil
            if let hours, !Self.isValidHours(hours) {
                errors.append(
                    FieldError(
                        field: "business_hours.\(day)", code: "invalid_hours",
                        message:
                            "Opening hours are written HH:MM-HH:MM, opening before closing (at 24:00 at the latest)."))
            }
            out.businessHours[day] = .some(hours)
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return out
    }

    static func isValidHours(_ text: String) -> Bool { OpeningInterval(hoursText: text) != nil }
}

/// A stored branch.
public struct Branch: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var profile: BranchProfile
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, profile: BranchProfile, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.profile = profile
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
