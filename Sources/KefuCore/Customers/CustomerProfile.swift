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
    /// The staff user who looks after the customer (follow-ups go to them when no ticket owner can).
    public var accountManagerID: UUID?
    public var tier: String?
    public var stage: LifecycleStage = .new
    public var personality: PersonalityStyle?
    public var tags: [String] = []
    public var sourceChannel: String?
    public var consent: Consent = .init()
    public var isInternal: Bool = false
    public var department: String?
    public var organization: String?
    /// The customer's id in another system (a shop, a till, a CRM): purchase imports find customers by it.
    public var externalID: String?
    public var remarks: String?
    /// The business's own fields (`CustomFieldDefinition`), outside the list below.
    public var customFields: [String: CustomFieldValue] = [:]

    public init() {}

    /// Every field but `customFields`, in the order CSV export writes its columns; the form and the
    /// profile page show them in this order within their sections.
    public static let fields: [CustomerField] = [
        .name("name", { $0.name }, { $0.name = $1 }, section: .identity),
        .choice(
            "kind", { $0.kind }, { $0.kind = $1 }, section: .identity, merge: .survivor,
            aliases: ["organisation": "organization"]),
        .list(.phones, "phones", { $0.phones }, { $0.phones = $1 }, column: "phone", section: .identity),
        .list(.emails, "emails", { $0.emails }, { $0.emails = $1 }, column: "email", section: .identity),
        .text(.tier, "tier", { $0.tier }, { $0.tier = $1 }, section: .relationship, merge: .survivor),
        .list(.tags, "tags", { $0.tags }, { $0.tags = $1 }, section: .relationship),
        .choice(
            "stage", { $0.stage }, { $0.stage = $1 }, section: .relationship, merge: .survivor, looseInJSON: true),
        .optionalChoice("personality", { $0.personality }, { $0.personality = $1 }, section: .relationship),
        .choice(
            "gender", { $0.gender }, { $0.gender = $1 }, section: .identity, display: .detail, merge: .fillEmpty),
        .text(.date, "birthday", { $0.birthday }, { $0.birthday = $1 }, section: .identity),
        .text(.text(.line), "address", { $0.address }, { $0.address = $1 }, section: .identity),
        .text(
            .text(.short), "organization", { $0.organization }, { $0.organization = $1 }, section: .identity,
            searchable: true),
        .text(.text(.short), "external_id", { $0.externalID }, { $0.externalID = $1 }, section: .identity),
        .reference(
            .branch, "branch_id", { $0.branchID }, { $0.branchID = $1 }, column: "branch", label: "customer.branch",
            section: .relationship),
        .reference(
            .staffUser, "account_manager_id", { $0.accountManagerID }, { $0.accountManagerID = $1 },
            column: "account_manager", label: "customer.account_manager", section: .relationship),
        .text(
            .text(.short), "source_channel", { $0.sourceChannel }, { $0.sourceChannel = $1 },
            section: .relationship),
        .flag("internal", { $0.isInternal }, { $0.isInternal = $1 }, section: .relationship, merge: .survivor),
        .text(
            .text(.short), "department", { $0.department }, { $0.department = $1 }, section: .relationship,
            searchable: true),
        .flag(
            "consent.phone", { $0.consent.phone }, { $0.consent.phone = $1 }, section: .relationship,
            merge: .either),
        .flag("consent.sms", { $0.consent.sms }, { $0.consent.sms = $1 }, section: .relationship, merge: .either),
        .flag(
            "consent.email", { $0.consent.email }, { $0.consent.email = $1 }, section: .relationship,
            merge: .either),
        .flag(
            "consent.wechat", { $0.consent.wechat }, { $0.consent.wechat = $1 }, section: .relationship,
            merge: .either),
        .text(
            .text(.paragraph), "remarks", { $0.remarks }, { $0.remarks = $1 }, section: .relationship,
            merge: .joinLines, searchable: true),
    ]

    /// The field with this JSON key (`consent.phone`).
    public static func field(key: String) -> CustomerField? {
        fieldsByKey[key]
    }

    private static let fieldsByKey = Dictionary(uniqueKeysWithValues: fields.map { ($0.key, $0) })
}
