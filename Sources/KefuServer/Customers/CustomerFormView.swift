import Foundation
import Hummingbird
import KefuCore
import KefuStore

struct CustomerFormView {
    var action: String
    var cancelURL: String
    var hasErrors: Bool
    var general: [String]
    var name, phones, emails, address, birthday, tags, sourceChannel, department, organization, remarks: FieldView
    var kind, gender, branch, tier, stage, personality: SelectView
    var consent: [CheckView]
    var internalFlag: CheckView
    var custom: [CustomInput]
    var hasCustom: Bool

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
        values: CustomerFormValues, messages: FieldMessages, settings: BusinessSettings, branches: [Branch], ui: WebUI,
        action: String, cancelURL: String
    ) {
        self.action = action
        self.cancelURL = cancelURL
        hasErrors = !messages.isEmpty
        general = messages.general
        func field(_ name: String) -> FieldView { messages.field(name, value: values[name]) }
        func select(_ name: String, _ options: [Option]) -> SelectView {
            SelectView(options: options, errors: messages.byInput[name] ?? [], invalid: messages.byInput[name] != nil)
        }
        (name, phones, emails, address, birthday, tags) = (
            field("name"), field("phones"), field("emails"), field("address"),
            field("birthday"), field("tags")
        )
        (sourceChannel, department, organization, remarks) = (
            field("source_channel"), field("department"),
            field("organization"), field("remarks")
        )
        kind = select(
            "kind",
            ui.options(
                CustomerKind.allCases.map(\.rawValue), selected: values["kind"],
                label: { ui.t("kind." + $0) }))
        gender = select(
            "gender",
            ui.options(
                Gender.allCases.map(\.rawValue), selected: values["gender"],
                label: { ui.t("gender." + $0) }))
        branch = select(
            "branch_id",
            [Option(value: "", label: ui.t("customer.no_branch"), selected: values["branch_id"].isEmpty)]
                + branches.map {
                    Option(
                        value: $0.id.uuidString, label: $0.profile.name,
                        selected: $0.id.uuidString == values["branch_id"])
                })
        var tiers = settings.tiers
        if !values["tier"].isEmpty, !tiers.contains(values["tier"]) { tiers.append(values["tier"]) }
        tier = select("tier", ui.options(tiers, selected: values["tier"], label: { $0 }))
        stage = select(
            "stage",
            ui.options(
                LifecycleStage.allCases.map(\.rawValue), selected: values["stage"],
                label: { ui.t("stage." + $0) }))
        personality = select(
            "personality",
            ui.options(
                PersonalityStyle.allCases.map(\.rawValue), selected: values["personality"],
                label: { ui.t("personality." + $0) }, blank: ui.t("customer.not_set")))
        consent = ["phone", "sms", "email", "wechat"].map {
            CheckView(
                name: "consent_" + $0, label: ui.t("consent." + $0), checked: values.checked.contains("consent_" + $0))
        }
        internalFlag = CheckView(
            name: "internal", label: ui.t("customer.internal"), checked: values.checked.contains("internal"))
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
}
