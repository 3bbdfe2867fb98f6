import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/admin/calendar` and `/admin/branches/{id}/calendar` (admin): the business default calendar and
/// a branch's, edited as text: per weekday a list of intervals ("09:00-12:00, 13:00-18:00"), holidays
/// and extra workdays as pasted dates (one per line, or separated by commas or spaces). A bad
/// submit shows each error next to its field and keeps everything typed.
struct AdminCalendarPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "admin/calendar", show)
        web.post(router, "admin/calendar", save)
        web.get(router, "admin/branches/:id/calendar", show)
        web.post(router, "admin/branches/:id/calendar", save)
    }

    struct CalendarView {
        var heading: String
        var action: String
        var general: [String]
        var timeZone: FieldView
        var days: [Day]
        var holidays: FieldView
        var extraWorkdays: FieldView
    }

    struct Day {
        var key: String
        var label: String
        var field: FieldView
    }

    /// The form as typed: inputs `time_zone`, `weekly_mon`…`weekly_sun`, `holidays`, `extra_workdays`.
    struct Entries {
        var timeZone: String
        var weekly: [Weekday: String]
        var holidays: String
        var extraWorkdays: String

        init(_ calendar: BusinessCalendar) {
            timeZone = calendar.timeZone.identifier
            weekly = Dictionary(
                uniqueKeysWithValues: Weekday.allCases.map { day in
                    (day, calendar.hours(on: day).map { $0.text.opens + "-" + $0.text.closes }.joined(separator: ", "))
                })
            holidays = calendar.holidays.map(\.description).joined(separator: "\n")
            extraWorkdays = calendar.extraWorkdays.map(\.description).joined(separator: "\n")
        }

        init(_ form: WebForm) {
            timeZone = form.raw("time_zone")
            weekly = Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, form.raw("weekly_" + $0.rawValue)) })
            holidays = form.raw("holidays")
            extraWorkdays = form.raw("extra_workdays")
        }

        /// The pieces of a list typed or pasted: separated by commas, semicolons, spaces or lines.
        static func pieces(_ text: String) -> [String] {
            text.split(whereSeparator: { $0.isWhitespace || ",;，；、".contains($0) }).map(String.init)
        }

        /// The calendar, or every field error named as the API names it (`weekly.mon[1]`, `holidays[0]`).
        func calendar() throws(ValidationFailure) -> BusinessCalendar {
            let intervals = weekly.map { day, text in
                (
                    day.rawValue,
                    Self.pieces(text).map { piece in
                        piece.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
                    }
                )
            }
            return try BusinessCalendar(
                timeZoneID: timeZone, weekly: Dictionary(uniqueKeysWithValues: intervals),
                holidays: Self.pieces(holidays), extraWorkdays: Self.pieces(extraWorkdays))
        }

        /// The text of an input by its error name (`weekly.mon`), pieces one a line as errors count them.
        func listed(_ input: String) -> String {
            let text =
                switch input {
                case "holidays": holidays
                case "extra_workdays": extraWorkdays
                default: Weekday(rawValue: String(input.dropFirst("weekly.".count))).flatMap { weekly[$0] } ?? ""
                }
            return Self.pieces(text).joined(separator: "\n")
        }
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        let branch = try await branch(context)
        let calendars = web.repositories.calendars
        let calendar: BusinessCalendar
        if let branch {
            calendar = try await calendars.branch(branch.id)
        } else {
            calendar = try await calendars.businessDefault()
        }
        return render(request, context, branch: branch, entries: Entries(calendar), errors: [], status: .ok)
    }

    @Sendable func save(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        let branch = try await branch(context)
        let entries = Entries(try await WebForm.posted(request, context: context))
        let calendar: BusinessCalendar
        do throws(ValidationFailure) {
            calendar = try entries.calendar()
        } catch {
            return render(
                request, context, branch: branch, entries: entries, errors: error.errors, status: .unprocessableContent)
        }
        let calendars = web.repositories.calendars
        if let branch {
            _ = try await calendars.putBranch(branch.id, calendar, by: context.attribution())
        } else {
            _ = try await calendars.putDefault(calendar, by: context.attribution())
        }
        return WebRoutes.redirect(path(branch), flash: "calendar_saved")
    }

    /// The branch of a branch calendar page (unknown ones are a 404 page), nil on the default's.
    private func branch(_ context: KefuRequestContext) async throws -> Branch? {
        guard context.parameters.get("id") != nil else { return nil }
        return try await web.repositories.branches.get(try context.parameters.uuid("id"))
    }

    private func path(_ branch: Branch?) -> String {
        branch.map { "/admin/branches/\($0.id.uuidString)/calendar" } ?? "/admin/calendar"
    }

    private func render(
        _ request: Request, _ context: KefuRequestContext, branch: Branch?, entries: Entries, errors: [FieldError],
        status: HTTPResponse.Status
    ) -> Response {
        let ui = web.views.ui(request, context)
        let inputs = Set(
            ["time_zone", "holidays", "extra_workdays"] + Weekday.allCases.map { "weekly." + $0.rawValue })
        let messages = FieldMessages(errors, ui: ui, values: entries.listed, inputs: inputs)
        let heading = branch.map { ui.t("calendar.branch_title", ["name": $0.profile.name]) } ?? ui.t("calendar.title")
        let model = CalendarView(
            heading: heading, action: path(branch), general: messages.general,
            timeZone: messages.field("time_zone", value: entries.timeZone),
            days: Weekday.allCases.map { day in
                Day(
                    key: day.rawValue, label: ui.t("weekday." + day.rawValue),
                    field: messages.field("weekly." + day.rawValue, value: entries.weekly[day] ?? ""))
            },
            holidays: messages.field("holidays", value: entries.holidays),
            extraWorkdays: messages.field("extra_workdays", value: entries.extraWorkdays))
        return ui.render("admin_calendar", title: heading, model: model, status: status, flash: ui.flash(request))
    }
}
