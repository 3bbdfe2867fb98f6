import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// Field errors as localised messages by input name (`phones[2]` → `phones`,
/// `custom_fields.k` → `custom.k`); errors for no input on the form go to `general`.
struct FieldMessages {
    var byInput: [String: [String]] = [:]
    var conflictURL: [String: String] = [:]
    var general: [String] = []

    init(
        _ errors: [FieldError], ui: WebUI, values: ((String) -> String)? = nil, conflictingID: UUID? = nil,
        inputs: Set<String>? = nil
    ) {
        for error in errors {
            var input = error.field
            var value = ""
            if let bracket = input.firstIndex(of: "[") {
                let index = Int(input[input.index(after: bracket)...].dropLast()) ?? 0
                input = String(input[..<bracket])
                let entries = WebForm.list(values?(input) ?? "")
                value = entries.indices.contains(index) ? entries[index] : ""
            } else {
                value = values?(input) ?? ""
            }
            if input.hasPrefix("custom_fields.") { input = "custom." + input.dropFirst("custom_fields.".count) }
            let message =
                ui.strings.has("error." + error.code) ? ui.t("error." + error.code, ["value": value]) : error.message
            let known =
                inputs?.contains(input) ?? (CustomerFormValues.textInputs.contains(input) || input.hasPrefix("custom."))
            if known {
                byInput[input, default: []].append(message)
            } else {
                general.append(message)
            }
            if error.code == "conflict", let conflictingID {
                conflictURL[input] = "/customers/\(conflictingID.uuidString)"
            }
        }
    }

    func field(_ name: String, value: String) -> FieldView {
        FieldView(
            value: value, errors: byInput[name] ?? [], invalid: byInput[name] != nil, conflictURL: conflictURL[name])
    }

    var isEmpty: Bool { byInput.isEmpty && general.isEmpty }
}
