public import Foundation

/// Everything about a customer that staff can edit. Creation, PATCH and CSV import all end
/// in one `CustomerProfile`, validated by `validated(under:)`, so the rules live in one place.
public struct CustomerProfile: Codable, Sendable, Equatable {
    public var kind: CustomerKind = .person
    public var name: String = ""
    public var phones: [String] = []
    public var emails: [String] = []
    public var address: String?
    public var birthday: String?
    public var gender: Gender = .unspecified
    public var branchID: UUID?
    public var tier: String?
    public var stage: LifecycleStage = .new
    public var personality: PersonalityStyle?
    public var tags: [String] = []
    public var sourceChannel: String?
    public var consent: Consent = .init()
    public var isInternal: Bool = false
    public var department: String?
    public var organization: String?
    public var remarks: String?
    public var customFields: [String: CustomFieldValue] = [:]

    public init() {}

    enum CodingKeys: String, CodingKey {
        case kind, name, phones, emails, address, birthday, gender, tier, stage, personality, tags, consent
        case department, organization, remarks
        case branchID = "branch_id"
        case sourceChannel = "source_channel"
        case isInternal = "internal"
        case customFields = "custom_fields"
    }

    /// Missing keys take their defaults, so a create request needs only `name`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decodeIfPresent(CustomerKind.self, forKey: .kind) ?? .person
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        phones = try c.decodeIfPresent([String].self, forKey: .phones) ?? []
        emails = try c.decodeIfPresent([String].self, forKey: .emails) ?? []
        address = try c.decodeIfPresent(String.self, forKey: .address)
        birthday = try c.decodeIfPresent(String.self, forKey: .birthday)
        gender = try c.decodeIfPresent(Gender.self, forKey: .gender) ?? .unspecified
        branchID = try c.decodeIfPresent(UUID.self, forKey: .branchID)
        tier = try c.decodeIfPresent(String.self, forKey: .tier)
        if let stageText = try c.decodeIfPresent(String.self, forKey: .stage) {
            guard let parsed = LifecycleStage(parsing: stageText) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .stage, in: c,
                    debugDescription:
                        "must be one of \(LifecycleStage.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            stage = parsed
        }
        personality = try c.decodeIfPresent(PersonalityStyle.self, forKey: .personality)
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        sourceChannel = try c.decodeIfPresent(String.self, forKey: .sourceChannel)
        consent = try c.decodeIfPresent(Consent.self, forKey: .consent) ?? .init()
        isInternal = try c.decodeIfPresent(Bool.self, forKey: .isInternal) ?? false
        department = try c.decodeIfPresent(String.self, forKey: .department)
        organization = try c.decodeIfPresent(String.self, forKey: .organization)
        remarks = try c.decodeIfPresent(String.self, forKey: .remarks)
        customFields = try c.decodeIfPresent([String: CustomFieldValue].self, forKey: .customFields) ?? [:]
    }

    /// Every key, `null` when absent. The API writes customers with a hand-made writer too
    /// (`CustomerJSON` in KefuServer), whose test fails when the two disagree.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(name, forKey: .name)
        try c.encode(phones, forKey: .phones)
        try c.encode(emails, forKey: .emails)
        try c.encode(address, forKey: .address)
        try c.encode(birthday, forKey: .birthday)
        try c.encode(gender, forKey: .gender)
        try c.encode(branchID, forKey: .branchID)
        try c.encode(tier, forKey: .tier)
        try c.encode(stage, forKey: .stage)
        try c.encode(personality, forKey: .personality)
        try c.encode(tags, forKey: .tags)
        try c.encode(sourceChannel, forKey: .sourceChannel)
        try c.encode(consent, forKey: .consent)
        try c.encode(isInternal, forKey: .isInternal)
        try c.encode(department, forKey: .department)
        try c.encode(organization, forKey: .organization)
        try c.encode(remarks, forKey: .remarks)
        try c.encode(customFields, forKey: .customFields)
    }
}
