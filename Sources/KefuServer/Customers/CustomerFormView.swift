import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// The customer form's model: one fieldset per `CustomerField.Section`, its inputs in the order of
/// `CustomerProfile.fields`, then the business's custom fields.
struct CustomerFormView {
    var action: String
    var cancelURL: String
    var hasErrors: Bool
    var general: [String]
    var sections: [Section]
    var custom: [CustomInput]
    var hasCustom: Bool

    struct Section {
        var legend: String
        var inputs: [Input]
    }

    /// One input, or a group of checkboxes under one label (the consents).
    struct Input {
        var id: String
        var label: String
        var required: Bool
        var hint: String?
        var wide: Bool
        var isLine: Bool
        var isDate: Bool
        var isArea: Bool
        var rows: Int
        var isSelect: Bool
        var isCheck: Bool
        var isChecks: Bool
        var name: String
        var field: FieldView
        var options: [Option]
        var checks: [CheckView]
    }

    struct CustomInput {
        var name: String
        var label: String
        var inputType: String
        var isChoice: Bool
        var isNumber: Bool
        var options: [Option]
        var field: FieldView
    }

    init(
        values: CustomerFormValues, messages: FieldMessages, settings: BusinessSettings, branches: [Branch],
        staff: [User], ui: WebUI, action: String, cancelURL: String
    ) {
        self.action = action
        self.cancelURL = cancelURL
        hasErrors = !messages.isEmpty
        general = messages.general
        let context = Context(
            values: values, messages: messages, settings: settings, branches: branches, staff: staff, ui: ui)
        sections = CustomerField.Section.allCases.map { section in
            var inputs: [Input] = []
            var groups: [String: Int] = [:]
            for field in CustomerProfile.fields where field.section == section {
                let check = CheckView(
                    name: field.input, label: ui.t(field.label), checked: values.checked.contains(field.input))
                if let group = field.group {
                    // A group's flags share one labelled input, where its first flag stands.
                    if let index = groups[group] {
                        inputs[index].checks.append(check)
                    } else {
                        groups[group] = inputs.count
                        inputs.append(context.checks(label: "customer." + group, [check]))
                    }
                } else {
                    inputs.append(context.input(field, check: check))
                }
            }
            return Section(legend: ui.t("customer_form." + section.rawValue), inputs: inputs)
        }
        custom = settings.customFields.map { definition in
            let name = "custom." + definition.key
            let type =
                switch definition.type {
                case .number: "number"
                case .date: "date"
                case .text, .choice: "text"
                }
            return CustomInput(
                name: name, label: definition.label, inputType: type, isChoice: definition.type == .choice,
                isNumber: definition.type == .number,
                options: ui.options(definition.choices, selected: values[name], label: { $0 }, blank: "—"),
                field: messages.field(name, value: values[name]))
        }
        hasCustom = !custom.isEmpty
    }

    /// What building an input needs.
    private struct Context {
        var values: CustomerFormValues
        var messages: FieldMessages
        var settings: BusinessSettings
        var branches: [Branch]
        /// Every account: the active ones are offered, an inactive one only while it is the value.
        var staff: [User]
        var ui: WebUI

        func input(_ field: CustomerField, check: CheckView) -> Input {
            let value = values[field.input]
            var input = Input(
                id: "f-" + field.input, label: ui.t(field.label), required: field.kind == .name, hint: nil,
                wide: false, isLine: false, isDate: false, isArea: false, rows: 0, isSelect: false, isCheck: false,
                isChecks: false, name: field.input, field: messages.field(field.input, value: value), options: [],
                checks: [])
            switch field.kind {
            case .name, .tags, .text(.line):
                input.wide = true
                input.isLine = true
                if field.kind == .tags { input.hint = ui.t("form.comma_separated") }
            case .text(.short):
                input.isLine = true
            case .text(.paragraph):
                (input.wide, input.isArea, input.rows) = (true, true, 3)
            case .date:
                (input.isLine, input.isDate) = (true, true)
            case .phones, .emails:
                (input.isArea, input.rows, input.hint) = (true, 2, ui.t("form.one_per_line"))
            case .flag:
                (input.isCheck, input.checks) = (true, [check])
            case .choice(let choice):
                input.isSelect = true
                input.options = ui.options(
                    choice.values, selected: value, label: { ui.t(field.key + "." + $0) },
                    blank: choice.isOptional ? ui.t("customer.not_set") : nil)
            case .tier:
                var tiers = settings.tiers
                if !value.isEmpty, !tiers.contains(value) { tiers.append(value) }
                input.isSelect = true
                input.options = ui.options(tiers, selected: value, label: { $0 })
            case .branch:
                input.isSelect = true
                input.options =
                    [Option(value: "", label: ui.t("customer.no_branch"), selected: value.isEmpty)]
                    + branches.map {
                        Option(value: $0.id.uuidString, label: $0.profile.name, selected: $0.id.uuidString == value)
                    }
            case .staffUser:
                input.isSelect = true
                input.options =
                    [Option(value: "", label: ui.t("customer.no_account_manager"), selected: value.isEmpty)]
                    + staff.filter { $0.active || $0.id.uuidString == value }.map {
                        Option(value: $0.id.uuidString, label: $0.name, selected: $0.id.uuidString == value)
                    }
            }
            return input
        }

        func checks(label: String, _ checks: [CheckView]) -> Input {
            Input(
                id: "", label: ui.t(label), required: false, hint: nil, wide: true, isLine: false, isDate: false,
                isArea: false, rows: 0, isSelect: false, isCheck: false, isChecks: true, name: "",
                field: messages.field("", value: ""), options: [], checks: checks)
        }
    }
}
