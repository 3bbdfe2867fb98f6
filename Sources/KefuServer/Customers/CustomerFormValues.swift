import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// The customer form's inputs as text, keyed by input name (`CustomerField.input`): filled from a
/// profile to edit, or from a posted form to show again after a failure.
struct CustomerFormValues {
    var text: [String: String] = [:]
    var checked: Set<String> = []

    /// Inputs holding text: every field but the flags (custom fields are `custom.<key>`).
    static let textInputs = Set(CustomerProfile.fields.filter { $0.kind != .flag }.map(\.input))
    static let checkboxes = CustomerProfile.fields.filter { $0.kind == .flag }.map(\.input)

    subscript(_ name: String) -> String { text[name] ?? "" }

    init(_ profile: CustomerProfile) {
        for field in CustomerProfile.fields {
            switch field.value(in: profile) {
            case .text(let value): text[field.input] = value ?? ""
            case .list(let items): text[field.input] = items.joined(separator: field.kind == .tags ? ", " : "\n")
            case .flag(let flag): if flag { checked.insert(field.input) }
            }
        }
        for (key, value) in profile.customFields { text["custom." + key] = value.text }
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
        var p = CustomerProfile()
        for field in CustomerProfile.fields {
            let typed = self[field.input]
            switch field.kind {
            case .flag:
                field.set(.flag(checked.contains(field.input)), in: &p)
            case .phones, .emails, .tags:
                field.set(.list(WebForm.list(typed)), in: &p)
            case .choice(let choice):
                let value = typed.trimmingCharacters(in: .whitespaces)
                guard !value.isEmpty else { continue }
                if choice.values.contains(value) {
                    field.set(.text(value), in: &p)
                } else {
                    errors.append(
                        FieldError(
                            field: field.key, code: "invalid_choice", message: "Choose one of the listed values."))
                }
            case .branch, .staffUser:
                let value = typed.trimmingCharacters(in: .whitespaces)
                guard !value.isEmpty else { continue }
                if let id = UUID(uuidString: value) {
                    field.set(.text(id.uuidString), in: &p)
                } else {
                    // What the store answers for an id it does not know.
                    let conflict: CustomerConflict =
                        field.kind == .branch ? .unknownBranch(UUID()) : .unknownUser(UUID())
                    errors.append(FieldError(field: field.key, code: conflict.code, message: conflict.message))
                }
            case .name, .text, .date, .tier:
                field.set(.text(typed), in: &p)
            }
        }
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
