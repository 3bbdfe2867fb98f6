import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/admin/mailboxes` (admin): the mailboxes with an edit form each (POST `/admin/mailboxes/{id}`) and a form
/// to add one (POST `/admin/mailboxes`), through the same repository as `/api/v1/mailboxes`.
struct AdminMailboxesPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "admin/mailboxes", show)
        web.post(router, "admin/mailboxes", create)
        web.post(router, "admin/mailboxes/:id", update)
    }

    struct MailboxesView {
        var mailboxes: [MailboxRow]
        var empty: Bool
        var newMailbox: MailboxForm
    }

    struct MailboxRow {
        var address: String
        var displayName: String
        var ingestName: String
        var team: String
        var branch: String
        var language: String
        var acknowledgements: String
        var form: MailboxForm
    }

    struct MailboxForm {
        var action: String
        var prefix: String
        var open: Bool
        var general: [String]
        var address, displayName, ingestName, signature: FieldView
        var team, branch, language: SelectView
        var acknowledgements: Bool
    }

    /// The forms' shared handling; a taken address or ingest name is the mailbox's clash, not a customer's.
    static let forms = AdminRecordForms(
        base: "/admin/mailboxes", idPrefix: "m",
        inputs: ["address", "display_name", "ingest_name", "team_id", "branch_id", "signature", "language"],
        codes: ["conflict": "mailbox_taken"])

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        return try await render(request, context, failed: nil, status: .ok)
    }

    @Sendable func create(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try await save(request, context, id: nil)
    }

    @Sendable func update(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try await save(request, context, id: try context.parameters.uuid("id"))
    }

    private func save(_ request: Request, _ context: KefuRequestContext, id: UUID?) async throws -> Response {
        try await Self.forms.save(request, context, web: web, id: id, flash: "mailbox_saved") { form in
            let draft = MailboxDraft(
                address: form.raw("address"), displayName: form.raw("display_name"),
                ingestName: form.raw("ingest_name"), teamID: form["team_id"].flatMap(UUID.init(uuidString:)),
                branchID: form["branch_id"].flatMap(UUID.init(uuidString:)), signature: form.raw("signature"),
                language: MailLanguage(rawValue: form.raw("language")) ?? .zhHans,
                acknowledgements: form["acknowledgements"] != nil)
            let repository = web.repositories.mailboxes
            if let id {
                _ = try await repository.update(id, to: draft, by: context.attribution())
            } else {
                _ = try await repository.create(draft, by: context.attribution())
            }
        } render: { failed, status in
            try await render(request, context, failed: failed, status: status)
        }
    }

    private func render(
        _ request: Request, _ context: KefuRequestContext,
        failed: AdminRecordForms.Failure?, status: HTTPResponse.Status
    ) async throws -> Response {
        let ui = web.views.ui(request, context)
        let mailboxes = try await web.repositories.mailboxes.list()
        let teams = try await web.repositories.teams.list()
        let branches = try await web.repositories.branches.list()
        let teamNames = Dictionary(uniqueKeysWithValues: teams.map { ($0.id, $0.name) })
        let branchNames = Dictionary(uniqueKeysWithValues: branches.map { ($0.id, $0.profile.name) })
        func form(_ draft: MailboxDraft, id: UUID?) -> MailboxForm {
            let shown = Self.forms.form(id: id, failed: failed, ui: ui)
            let (failure, messages, value) = (shown.failure, shown.messages, shown.value)
            func select(_ name: String, _ stored: String, _ choices: [(String, String)]) -> SelectView {
                let chosen = value(name, stored)
                return SelectView(
                    options: choices.map { Option(value: $0.0, label: $0.1, selected: $0.0 == chosen) },
                    errors: messages.byInput[name] ?? [], invalid: messages.byInput[name] != nil)
            }
            let none = ("", ui.t("mailboxes.none_chosen"))
            return MailboxForm(
                action: shown.action, prefix: shown.prefix, open: shown.open, general: messages.general,
                address: messages.field("address", value: value("address", draft.address)),
                displayName: messages.field("display_name", value: value("display_name", draft.displayName)),
                ingestName: messages.field("ingest_name", value: value("ingest_name", draft.ingestName)),
                signature: messages.field("signature", value: value("signature", draft.signature)),
                team: select(
                    "team_id", draft.teamID?.uuidString ?? "", [none] + teams.map { ($0.id.uuidString, $0.name) }),
                branch: select(
                    "branch_id", draft.branchID?.uuidString ?? "",
                    [none] + branches.map { ($0.id.uuidString, $0.profile.name) }),
                language: select(
                    "language", draft.language.rawValue,
                    MailLanguage.allCases.map { ($0.rawValue, ui.t("mailboxes.language." + $0.rawValue)) }),
                acknowledgements: failure.map { $0.form["acknowledgements"] != nil } ?? draft.acknowledgements)
        }
        let rows = mailboxes.map { mailbox in
            MailboxRow(
                address: mailbox.address, displayName: mailbox.displayName, ingestName: mailbox.ingestName,
                team: mailbox.teamID.flatMap { teamNames[$0] } ?? "",
                branch: mailbox.branchID.flatMap { branchNames[$0] } ?? "",
                language: ui.t("mailboxes.language." + mailbox.language.rawValue),
                acknowledgements: ui.t(
                    mailbox.acknowledgements ? "mailboxes.acknowledgements_on" : "mailboxes.acknowledgements_off"),
                form: form(mailbox.draft, id: mailbox.id))
        }
        let model = MailboxesView(
            mailboxes: rows, empty: rows.isEmpty, newMailbox: form(MailboxDraft(address: "", ingestName: ""), id: nil))
        return ui.render(
            "admin_mailboxes", title: ui.t("mailboxes.title"), model: model, status: status, flash: ui.flash(request))
    }
}
