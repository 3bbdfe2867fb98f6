import Foundation
import KefuCore

/// The relationship-health part of `/admin/settings`: the half-life, the at-risk threshold and one weight per
/// event kind, each input named after the setting's JSON path (`health.half_life_days`,
/// `health.weights.complaint`) so the validation errors of `HealthSettings` land beside their inputs. Rows
/// take the service desk's shape (`ServiceDeskSettingsForm.Row`), so the page draws both alike.
enum HealthSettingsForm {
    static let prefix = "health."
    private static let halfLife = "half_life_days"
    private static let threshold = "at_risk_threshold"

    private static var keys: [String] {
        [halfLife, threshold]
            + HealthEventKind.allCases.map { "weights." + $0.rawValue }
    }

    private static func value(_ key: String, of settings: HealthSettings) -> Double {
        switch key {
        case halfLife: return settings.halfLifeDays
        case threshold: return settings.atRiskThreshold
        default: return settings.weights[String(key.dropFirst("weights.".count))] ?? 0
        }
    }

    /// The posted numbers applied to `settings`; an input that is not a number is an error on its setting,
    /// which keeps its old value, as does a setting the form did not post.
    static func read(_ form: WebForm, into settings: inout HealthSettings) -> [FieldError] {
        var errors: [FieldError] = []
        for key in keys where form.has(prefix + key) {
            guard let number = Double(form.raw(prefix + key).trimmingCharacters(in: .whitespaces)), number.isFinite
            else {
                errors.append(FieldError(field: prefix + key, code: "not_a_number", message: "Enter a number."))
                continue
            }
            switch key {
            case halfLife: settings.halfLifeDays = number
            case threshold: settings.atRiskThreshold = number
            default: settings.weights[String(key.dropFirst("weights.".count))] = number
            }
        }
        return errors
    }

    /// The rows to show, with the values as posted or stored and the messages for each.
    static func rows(_ settings: HealthSettings, messages: FieldMessages, ui: WebUI) -> [ServiceDeskSettingsForm.Row] {
        keys.map { key in
            let label =
                key.hasPrefix("weights.")
                ? ui.t("health.kind." + key.dropFirst("weights.".count)) : ui.t("settings.rh." + key)
            let number = value(key, of: settings)
            let shown = number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
            let errors = messages.byInput[prefix + key] ?? []
            return ServiceDeskSettingsForm.Row(
                label: label, unit: key.hasPrefix("weights.") ? ui.t("settings.rh.unit.weight") : "",
                inputs: [ServiceDeskSettingsForm.Input(name: prefix + key, value: shown, label: label)],
                errors: errors, invalid: !errors.isEmpty)
        }
    }

    /// The error keys the rows show.
    static var inputs: Set<String> { Set(keys.map { prefix + $0 }) }
}
