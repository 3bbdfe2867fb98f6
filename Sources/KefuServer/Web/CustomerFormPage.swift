import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/customers/new` and `/customers/{id}/edit`: one form for every editable field. Each posts back
/// to its own URL; on success it redirects to the customer (POST-redirect-GET), on failure the
/// form comes back with what was typed and a message next to each field.
struct CustomerFormPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "customers/new", showNew)
        web.post(router, "customers/new", create)
        web.get(router, "customers/:id/edit", showEdit)
        web.post(router, "customers/:id/edit", update)
    }

    @Sendable func showNew(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let settings = try await SettingsRepository(web.database).get()
        var profile = CustomerProfile()
        profile.tier = settings.customerRules.defaultTier
        return try await render(
            request, context, id: nil, values: CustomerFormValues(profile), errors: [], settings: settings)
    }

    @Sendable func showEdit(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let id = try context.parameters.uuid("id")
        let customer = try await CustomerRepository(web.database).get(id)
        let settings = try await SettingsRepository(web.database).get()
        return try await render(
            request, context, id: id, values: CustomerFormValues(customer.profile), errors: [],
            settings: settings)
    }

    @Sendable func create(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try await save(request, context, id: nil)
    }

    @Sendable func update(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try await save(request, context, id: try context.parameters.uuid("id"))
    }

    private func save(_ request: Request, _ context: KefuRequestContext, id: UUID?) async throws -> Response {
        try context.require(.agent)
        let form = try await WebForm.posted(request, context: context)
        let settings = try await SettingsRepository(web.database).get()
        let values = CustomerFormValues(form: form)
        let repository = CustomerRepository(web.database)
        do {
            let profile = try values.profile(settings: settings)
            let saved =
                if let id {
                    try await repository.update(id, to: profile, by: context.attribution())
                } else {
                    try await repository.create(profile, by: context.attribution())
                }
            return WebRoutes.redirect(
                "/customers/\(saved.id.uuidString)", flash: id == nil ? "customer_created" : "customer_saved")
        } catch let failure as ValidationFailure {
            return try await render(
                request, context, id: id, values: values, errors: failure.errors, settings: settings,
                status: .unprocessableContent)
        } catch DomainError.invalid(let errors) {
            return try await render(
                request, context, id: id, values: values, errors: errors, settings: settings,
                status: .unprocessableContent)
        } catch DomainError.conflict(_, let field, let other) {
            let error = FieldError(field: field ?? "phones", code: "conflict", message: "")
            return try await render(
                request, context, id: id, values: values, errors: [error], settings: settings,
                status: .conflict, conflictingID: other)
        }
    }

    private func render(
        _ request: Request, _ context: KefuRequestContext, id: UUID?, values: CustomerFormValues,
        errors: [FieldError], settings: BusinessSettings, status: HTTPResponse.Status = .ok,
        conflictingID: UUID? = nil
    ) async throws -> Response {
        let ui = web.views.ui(request, context)
        let branches = try await BranchRepository(web.database).list()
        let messages = FieldMessages(errors, ui: ui, values: { values[$0] }, conflictingID: conflictingID)
        let model = CustomerFormView(
            values: values, messages: messages, settings: settings, branches: branches, ui: ui,
            action: id.map { "/customers/\($0.uuidString)/edit" } ?? "/customers/new",
            cancelURL: id.map { "/customers/\($0.uuidString)" } ?? "/customers")
        let title =
            id == nil ? ui.t("customer_form.new_title") : ui.t("customer_form.edit_title", ["name": values["name"]])
        return ui.render("customer_form", title: title, model: model, status: status)
    }
}

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

/// One input: its text, its messages and (for identity clashes) a link to the other customer.
struct FieldView {
    var value: String
    var errors: [String]
    var invalid: Bool
    var conflictURL: String?
}

/// A select with its messages.
struct SelectView {
    var options: [Option]
    var errors: [String]
    var invalid: Bool
}

struct CheckView {
    var name: String
    var label: String
    var checked: Bool
}

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
