import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/admin/branches` (admin): list, create (POST `/admin/branches`), edit with opening hours per
/// weekday (POST `/admin/branches/{id}`) and delete (POST `/admin/branches/{id}/delete`).
struct AdminBranchesPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "admin/branches", show)
        web.post(router, "admin/branches", create)
        web.post(router, "admin/branches/:id", update)
        web.post(router, "admin/branches/:id/delete", delete)
    }

    struct BranchesView {
        var branches: [BranchRow]
        var empty: Bool
        var newBranch: BranchForm
    }

    struct BranchRow {
        var name: String
        var address: String
        var timeZone: String
        var hours: String
        var form: BranchForm
        var calendarURL: String
        var deleteURL: String
    }

    struct BranchForm {
        var action: String
        var prefix: String
        var open: Bool
        var general: [String]
        var name, address, timeZone: FieldView
        var days: [Day]
    }

    struct Day {
        var key: String
        var label: String
        var opens: String
        var closes: String
        var errors: [String]
    }

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

    /// The forms' shared handling; business hours are reported by weekday.
    static let forms = AdminRecordForms(
        base: "/admin/branches", idPrefix: "b",
        inputs: Set(["name", "address", "time_zone"] + BranchProfile.weekdays.map { "business_hours." + $0 }))

    private func save(_ request: Request, _ context: KefuRequestContext, id: UUID?) async throws -> Response {
        try await Self.forms.save(request, context, web: web, id: id, flash: "branch_saved") { form in
            var profile = BranchProfile()
            profile.name = form.raw("name")
            profile.address = form["address"]
            profile.timeZone = form["time_zone"]
            for day in BranchProfile.weekdays {
                let (opens, closes) = (form["opens_\(day)"], form["closes_\(day)"])
                profile.businessHours[day] =
                    opens == nil && closes == nil ? .some(nil) : "\(opens ?? "")-\(closes ?? "")"
            }
            let repository = web.repositories.branches
            if let id {
                _ = try await repository.update(id, to: profile, by: context.attribution())
            } else {
                _ = try await repository.create(profile, by: context.attribution())
            }
        } render: { failed, status in
            try await render(request, context, failed: failed, status: status)
        }
    }

    @Sendable func delete(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        _ = try await WebForm.posted(request, context: context)
        try await web.repositories.branches.delete(try context.parameters.uuid("id"), by: context.attribution())
        return WebRoutes.redirect("/admin/branches", flash: "branch_deleted")
    }

    private func render(
        _ request: Request, _ context: KefuRequestContext,
        failed: AdminRecordForms.Failure?, status: HTTPResponse.Status
    ) async throws -> Response {
        let ui = web.views.ui(request, context)
        let branches = try await web.repositories.branches.list()
        func form(_ profile: BranchProfile, id: UUID?) -> BranchForm {
            let shown = Self.forms.form(id: id, failed: failed, ui: ui)
            let (messages, value) = (shown.messages, shown.value)
            let days = BranchProfile.weekdays.map { day in
                let stored = (profile.businessHours[day] ?? nil)?.split(separator: "-").map(String.init) ?? []
                return Day(
                    key: day, label: ui.t("weekday." + day),
                    opens: value("opens_\(day)", stored.first),
                    closes: value("closes_\(day)", stored.dropFirst().first),
                    errors: messages.byInput["business_hours." + day] ?? [])
            }
            return BranchForm(
                action: shown.action, prefix: shown.prefix, open: shown.open, general: messages.general,
                name: messages.field("name", value: value("name", profile.name)),
                address: messages.field("address", value: value("address", profile.address)),
                timeZone: messages.field("time_zone", value: value("time_zone", profile.timeZone)),
                days: days)
        }
        let rows = branches.map { branch in
            let hours = BranchProfile.weekdays.compactMap { day in
                (branch.profile.businessHours[day] ?? nil).map { ui.t("weekday." + day) + " " + $0 }
            }
            return BranchRow(
                name: branch.profile.name, address: branch.profile.address ?? "",
                timeZone: branch.profile.timeZone ?? "", hours: hours.joined(separator: " · "),
                form: form(branch.profile, id: branch.id),
                calendarURL: "/admin/branches/\(branch.id.uuidString)/calendar",
                deleteURL: "/admin/branches/\(branch.id.uuidString)/delete")
        }
        let model = BranchesView(branches: rows, empty: rows.isEmpty, newBranch: form(BranchProfile(), id: nil))
        return ui.render(
            "admin_branches", title: ui.t("branches.title"), model: model, status: status, flash: ui.flash(request))
    }
}
