import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/admin/settings` (admin): business name, time zone, currency, phone region, tiers and custom
/// fields, saved by POST `/admin/settings`. Custom fields are rows of inputs; a row with an empty
/// key is dropped, and two blank rows are always offered for new fields. The service desk's rules
/// (`ServiceDeskSettingsForm`), the relationship-health weights (`HealthSettingsForm`) and the surveys'
/// settings (`SurveySettingsForm`) follow.
struct AdminSettingsPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "admin/settings", show)
        web.post(router, "admin/settings", save)
    }

    struct SettingsView {
        var general: [String]
        var hasErrors: Bool
        var businessName, timeZone, currency, tiers: FieldView
        var regions: [Option]
        var regionErrors: [String]
        var fields: [CustomFieldRow]
        var fieldErrors: [String]
        var serviceDesk: [ServiceDeskSettingsForm.Row]
        var health: [ServiceDeskSettingsForm.Row]
        var surveys: SurveySettingsForm.View
    }

    struct CustomFieldRow {
        var index: Int
        var key: String
        var label: String
        var types: [Option]
        var choices: String
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        let settings = try await web.repositories.settings.get()
        return try await render(request, context, settings: settings, errors: [], status: .ok)
    }

    @Sendable func save(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        let form = try await WebForm.posted(request, context: context)
        var settings = try await web.repositories.settings.get()
        settings.businessName = form.raw("business_name")
        settings.timeZone = form["time_zone"] ?? ""
        settings.currency = (form["currency"] ?? "").uppercased()
        settings.phoneRegion = form["phone_region"] ?? ""
        settings.tiers = WebForm.list(form.raw("tiers"))
        var fields: [CustomFieldDefinition] = []
        var index = 0
        while form.has("cf_key_\(index)") {
            if let key = form["cf_key_\(index)"] {
                let type = CustomFieldType(rawValue: form["cf_type_\(index)"] ?? "") ?? .text
                fields.append(
                    CustomFieldDefinition(
                        key: key, label: form["cf_label_\(index)"] ?? key, type: type,
                        choices: type == .choice ? WebForm.list(form.raw("cf_choices_\(index)")) : []))
            }
            index += 1
        }
        settings.customFields = fields
        let unreadable =
            ServiceDeskSettingsForm.read(form, into: &settings.serviceDesk)
            + HealthSettingsForm.read(form, into: &settings.health)
            + SurveySettingsForm.read(form, into: &settings.surveys)
        guard unreadable.isEmpty else {
            return try await render(
                request, context, settings: settings, errors: unreadable + settings.validationErrors(),
                status: .unprocessableContent)
        }
        do {
            _ = try await web.repositories.settings.update(settings, by: context.attribution())
            return WebRoutes.redirect("/admin/settings", flash: "settings_saved")
        } catch DomainError.invalid(let errors) {
            return try await render(
                request, context, settings: settings, errors: errors, status: .unprocessableContent)
        }
    }

    private func render(
        _ request: Request, _ context: KefuRequestContext, settings: BusinessSettings, errors: [FieldError],
        status: HTTPResponse.Status
    ) async throws -> Response {
        let ui = web.views.ui(request, context)
        let messages = FieldMessages(
            errors, ui: ui,
            inputs: ServiceDeskSettingsForm.inputs.union(HealthSettingsForm.inputs).union(SurveySettingsForm.inputs)
                .union([
                    "business_name", "time_zone", "currency", "phone_region", "tiers", "custom_fields",
                ]))
        let types = CustomFieldType.allCases.map(\.rawValue)
        let blank = CustomFieldDefinition(key: "", label: "", type: .text)
        let rows = (settings.customFields + [blank, blank]).enumerated().map { index, field in
            CustomFieldRow(
                index: index, key: field.key, label: field.label,
                types: ui.options(types, selected: field.type.rawValue, label: { ui.t("field_type." + $0) }),
                choices: field.choices.joined(separator: ", "))
        }
        let model = SettingsView(
            general: messages.general, hasErrors: !messages.isEmpty,
            businessName: messages.field("business_name", value: settings.businessName),
            timeZone: messages.field("time_zone", value: settings.timeZone),
            currency: messages.field("currency", value: settings.currency),
            tiers: messages.field("tiers", value: settings.tiers.joined(separator: "\n")),
            regions: ui.options(PhoneNumber.supportedRegions, selected: settings.phoneRegion, label: { $0 }),
            regionErrors: messages.byInput["phone_region"] ?? [], fields: rows,
            fieldErrors: messages.byInput["custom_fields"] ?? [],
            serviceDesk: ServiceDeskSettingsForm.rows(settings.serviceDesk, messages: messages, ui: ui),
            health: HealthSettingsForm.rows(settings.health, messages: messages, ui: ui),
            surveys: SurveySettingsForm.view(
                settings.surveys,
                csatSurveys: try await web.repositories.surveys.list(kind: .csat, active: true, limit: 100, cursor: nil)
                    .items, messages: messages, ui: ui))
        return ui.render(
            "admin_settings", title: ui.t("settings.title"), model: model, status: status, flash: ui.flash(request))
    }
}
