public import Foundation

/// Everything about a customer that staff can edit. Creation, PATCH and CSV import all end
/// in one `CustomerProfile`, validated by `validated(under:)`, so the rules live in one place.
///
/// A new field is a property here and its entry in `fields` (then its labels in the locale files);
/// every format reads the list.
public struct CustomerProfile: Sendable, Equatable {
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
    /// The business's own fields (`CustomFieldDefinition`), outside the list below.
    public var customFields: [String: CustomFieldValue] = [:]

    public init() {}

    /// Every field but `customFields`, in the order CSV export writes its columns; the form and the
    /// profile page show them in this order within their sections.
    public static let fields: [CustomerField] = [
        .name("name", \.name, section: .identity),
        .choice(
            "kind", \.kind, section: .identity, merge: .survivor, aliases: ["organisation": "organization"]),
        .list(.phones, "phones", \.phones, column: "phone", section: .identity),
        .list(.emails, "emails", \.emails, column: "email", section: .identity),
        .text(.tier, "tier", \.tier, section: .relationship, merge: .survivor),
        .list(.tags, "tags", \.tags, section: .relationship),
        .choice("stage", \.stage, section: .relationship, merge: .survivor, looseInJSON: true),
        .optionalChoice("personality", \.personality, section: .relationship),
        .choice("gender", \.gender, section: .identity, display: .detail, merge: .fillEmpty),
        .text(.date, "birthday", \.birthday, section: .identity),
        .text(.text(.line), "address", \.address, section: .identity),
        .text(.text(.short), "organization", \.organization, section: .identity, searchable: true),
        .branch("branch_id", \.branchID, column: "branch", label: "customer.branch", section: .relationship),
        .text(.text(.short), "source_channel", \.sourceChannel, section: .relationship),
        .flag("internal", \.isInternal, section: .relationship, merge: .survivor),
        .text(.text(.short), "department", \.department, section: .relationship, searchable: true),
        .flag("consent.phone", \.consent.phone, section: .relationship, merge: .either),
        .flag("consent.sms", \.consent.sms, section: .relationship, merge: .either),
        .flag("consent.email", \.consent.email, section: .relationship, merge: .either),
        .flag("consent.wechat", \.consent.wechat, section: .relationship, merge: .either),
        .text(
            .text(.paragraph), "remarks", \.remarks, section: .relationship, merge: .joinLines, searchable: true),
    ]

    /// The field with this JSON key (`consent.phone`).
    public static func field(key: String) -> CustomerField? {
        fieldsByKey[key]
    }

    private static let fieldsByKey = Dictionary(uniqueKeysWithValues: fields.map { ($0.key, $0) })
}
