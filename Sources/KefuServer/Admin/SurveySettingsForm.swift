import Foundation
import KefuCore

/// The survey part of `/admin/settings`: how long links stay open, the automatic CSAT (on or off, its delay and
/// its survey) and what a bad answer opens. Inputs are named after the settings' JSON paths
/// (`surveys.link_expiry_days`), so the validation errors of `SurveySettings` land beside them; the hidden
/// `surveys.form` says the section was posted (an unticked box posts nothing).
enum SurveySettingsForm {
    static let prefix = "surveys."
    private static let numbers: [(key: String, path: WritableKeyPath<SurveySettings, Int>)] = [
        ("link_expiry_days", \.linkExpiryDays), ("csat_delay_minutes", \.csatDelayMinutes),
    ]

    struct View {
        var rows: [ServiceDeskSettingsForm.Row]
        var autoCSAT: Bool
        var csatSurveys: [Option]
        var recoveries: [Option]
    }

    /// The posted values applied to `settings`; a number box that is not a whole number is an error on its
    /// setting, which keeps its old value.
    static func read(_ form: WebForm, into settings: inout SurveySettings) -> [FieldError] {
        guard form.has(prefix + "form") else { return [] }
        var errors: [FieldError] = []
        for (key, path) in numbers {
            guard let number = Int(form.raw(prefix + key).trimmingCharacters(in: .whitespaces)) else {
                errors.append(
                    FieldError(field: prefix + key, code: "not_whole_number", message: "Enter a whole number."))
                continue
            }
            settings[keyPath: path] = number
        }
        settings.autoCSAT = form.has(prefix + "auto_csat")
        settings.csatSurveyID = form[prefix + "csat_survey_id"].flatMap(UUID.init(uuidString:))
        settings.recovery = form[prefix + "recovery"].flatMap(SurveySettings.Recovery.init(rawValue:)) ?? .followUp
        return errors
    }

    /// The section as shown: stored or posted values, the active CSAT surveys to choose from, and the messages.
    static func view(_ settings: SurveySettings, csatSurveys: [Survey], messages: FieldMessages, ui: WebUI) -> View {
        View(
            rows: numbers.map { key, path in
                let label = ui.t("settings.surveys." + key)
                let errors = messages.byInput[prefix + key] ?? []
                return ServiceDeskSettingsForm.Row(
                    label: label, unit: "",
                    inputs: [
                        ServiceDeskSettingsForm.Input(
                            name: prefix + key, value: String(settings[keyPath: path]), label: label)
                    ], errors: errors, invalid: !errors.isEmpty)
            }, autoCSAT: settings.autoCSAT,
            csatSurveys: ui.options(
                csatSurveys.map(\.id.uuidString), selected: settings.csatSurveyID?.uuidString,
                label: { id in csatSurveys.first { $0.id.uuidString == id }?.title ?? id },
                blank: ui.t("settings.surveys.oldest_csat")),
            recoveries: ui.options(
                SurveySettings.Recovery.allCases.map(\.rawValue), selected: settings.recovery.rawValue,
                label: { ui.t("settings.surveys.recovery." + $0) }))
    }

    /// The error keys the section shows.
    static var inputs: Set<String> { Set(numbers.map { prefix + $0.key }) }
}
