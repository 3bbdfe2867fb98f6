import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// The customer form's inputs as text, keyed by input name: filled from a profile to edit, or
/// from a posted form to show again after a failure.
struct CustomerFormValues {
    var text: [String: String] = [:]
    var checked: Set<String> = []

    static let textInputs = [
        "kind", "name", "phones", "emails", "address", "birthday", "gender", "branch_id", "tier",
        "stage", "personality", "tags", "source_channel", "department", "organization", "remarks",
    ]
    static let checkboxes = ["consent_phone", "consent_sms", "consent_email", "consent_wechat", "internal"]

    subscript(_ name: String) -> String { text[name] ?? "" }

    init(_ p: CustomerProfile) {
        text = [
            "kind": p.kind.rawValue, "name": p.name, "phones": p.phones.joined(separator: "\n"),
            "emails": p.emails.joined(separator: "\n"), "address": p.address ?? "", "birthday": p.birthday ?? "",
            "gender": p.gender.rawValue, "branch_id": p.branchID?.uuidString ?? "", "tier": p.tier ?? "",
            "stage": p.stage.rawValue, "personality": p.personality?.rawValue ?? "",
            "tags": p.tags.joined(separator: ", "),
            "source_channel": p.sourceChannel ?? "", "department": p.department ?? "",
            "organization": p.organization ?? "", "remarks": p.remarks ?? "",
        ]
        for (key, value) in p.customFields { text["custom." + key] = value.text }
        let flags = [
            ("consent_phone", p.consent.phone), ("consent_sms", p.consent.sms), ("consent_email", p.consent.email),
            ("consent_wechat", p.consent.wechat), ("internal", p.isInternal),
        ]
        checked = Set(flags.filter(\.1).map(\.0))
    }

    init(form: WebForm) {
        for pair in form.pairs where Self.textInputs.contains(pair.name) || pair.name.hasPrefix("custom.") {
            text[pair.name] = pair.value
        }
        checked = Set(Self.checkboxes.filter { form.has($0) })
    }

    /// The profile the inputs describe, for the core to validate; inputs that cannot even be read
    /// (an unknown choice, a non-number in a number field) fail together with the core's checks.
    func profile(settings: BusinessSettings) throws(ValidationFailure) -> CustomerProfile {
        var errors: [FieldError] = []
        func choice<T: RawRepresentable>(_ name: String, _ type: T.Type) -> T? where T.RawValue == String {
            let value = self[name].trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty else { return nil }
            guard let parsed = T(rawValue: value) else {
                errors.append(
                    FieldError(field: name, code: "invalid_choice", message: "Choose one of the listed values."))
                return nil
            }
            return parsed
        }
        var p = CustomerProfile()
        p.kind = choice("kind", CustomerKind.self) ?? .person
        p.name = self["name"]
        p.phones = WebForm.list(self["phones"])
        p.emails = WebForm.list(self["emails"])
        p.address = self["address"]
        p.birthday = self["birthday"]
        p.gender = choice("gender", Gender.self) ?? .unspecified
        let branch = self["branch_id"].trimmingCharacters(in: .whitespaces)
        if !branch.isEmpty {
            p.branchID = UUID(uuidString: branch)
            if p.branchID == nil {
                errors.append(FieldError(field: "branch_id", code: "unknown_branch", message: "No such branch."))
            }
        }
        p.tier = self["tier"]
        p.stage = choice("stage", LifecycleStage.self) ?? .new
        p.personality = choice("personality", PersonalityStyle.self)
        p.tags = WebForm.list(self["tags"])
        p.sourceChannel = self["source_channel"]
        p.consent = Consent(
            phone: checked.contains("consent_phone"), sms: checked.contains("consent_sms"),
            email: checked.contains("consent_email"), wechat: checked.contains("consent_wechat"))
        p.isInternal = checked.contains("internal")
        p.department = self["department"]
        p.organization = self["organization"]
        p.remarks = self["remarks"]
        for definition in settings.customFields {
            let value = self["custom." + definition.key].trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty else { continue }
            if definition.type == .number {
                if let number = Double(value) {
                    p.customFields[definition.key] = .number(number)
                } else {
                    errors.append(
                        FieldError(field: "custom_fields." + definition.key, code: "invalid_value", message: ""))
                }
            } else {
                p.customFields[definition.key] = .string(value)
            }
        }
        // The repository validates again on save; this pass only gathers every message at once.
        do {
            _ = try p.validated(under: settings.customerRules)
        } catch {
            errors += error.errors
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return p
    }
}
