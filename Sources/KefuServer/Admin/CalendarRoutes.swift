import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/api/v1/calendar`, `/api/v1/branches/{id}/calendar` (issue 11 §1) and `/api/v1/sla-policies/preview`
/// (§3): business calendars as their JSON, and the due time a policy target gives on one, with the
/// same arithmetic as `kefu calc due`.
struct CalendarRoutes {
    let calendars: CalendarRepository

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.get("calendar", use: getDefault)
        group.put("calendar", use: putDefault)
        group.get("branches/:id/calendar", use: getBranch)
        group.put("branches/:id/calendar", use: putBranch)
        group.post("sla-policies/preview", use: preview)
    }

    @Sendable func getDefault(_ request: Request, context: KefuRequestContext) async throws -> EncodedDTO {
        try context.require(.agent)
        return EncodedDTO(try await calendars.businessDefault())
    }

    @Sendable func putDefault(_ request: Request, context: KefuRequestContext) async throws -> EncodedDTO {
        try context.require(.admin)
        let calendar = try await request.decodeJSON(BusinessCalendar.self, context: context)
        return EncodedDTO(try await calendars.putDefault(calendar, by: context.attribution()))
    }

    @Sendable func getBranch(_ request: Request, context: KefuRequestContext) async throws -> EncodedDTO {
        try context.require(.agent)
        return EncodedDTO(try await calendars.branch(try context.parameters.uuid("id")))
    }

    @Sendable func putBranch(_ request: Request, context: KefuRequestContext) async throws -> EncodedDTO {
        try context.require(.admin)
        let id = try context.parameters.uuid("id")
        let calendar = try await request.decodeJSON(BusinessCalendar.self, context: context)
        return EncodedDTO(try await calendars.putBranch(id, calendar, by: context.attribution()))
    }

    struct PreviewBody: Decodable {
        var calendar: BusinessCalendar?
        var branchID: UUID?
        var from: String
        var minutes: Int
        var pauses: [Pause]?

        struct Pause: Decodable {
            var from: String
            var to: String
        }

        enum CodingKeys: String, CodingKey {
            case calendar, from, minutes, pauses
            case branchID = "branch_id"
        }

        /// A calendar that breaks a rule names its fields under `calendar.`.
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            do {
                calendar = try c.decodeIfPresent(BusinessCalendar.self, forKey: .calendar)
            } catch let failure as ValidationFailure {
                throw ValidationFailure(
                    failure.errors.map { FieldError(field: "calendar." + $0.field, code: $0.code, message: $0.message) }
                )
            }
            branchID = try c.decodeIfPresent(UUID.self, forKey: .branchID)
            from = try c.decode(String.self, forKey: .from)
            minutes = try c.decode(Int.self, forKey: .minutes)
            pauses = try c.decodeIfPresent([Pause].self, forKey: .pauses)
        }
    }

    struct PreviewDTO: ResponseEncodable {
        var due: String
        var businessMinutes: Int

        enum CodingKeys: String, CodingKey {
            case due
            case businessMinutes = "business_minutes"
        }
    }

    @Sendable func preview(_ request: Request, context: KefuRequestContext) async throws -> PreviewDTO {
        try context.require(.admin)
        let body = try await request.decodeJSON(PreviewBody.self, context: context)
        var errors: [FieldError] = []
        if (body.calendar == nil) == (body.branchID == nil) {
            errors.append(
                FieldError(field: "calendar", code: "calendar_or_branch", message: "Send either calendar or branch_id.")
            )
        }
        func instant(_ text: String, field: String) -> Date? {
            guard let date = RFC3339.date(text) else {
                errors.append(
                    FieldError(
                        field: field, code: "invalid_time",
                        message: "\(field) is RFC 3339 with an offset, like 2026-01-30T17:00:00+08:00."))
                return nil
            }
            return date
        }
        let from = instant(body.from, field: "from")
        if body.minutes < 0 {
            errors.append(FieldError(field: "minutes", code: "negative", message: "minutes must not be negative."))
        } else if body.minutes > SLAPolicyDraft.maxMinutes {
            // No policy target is longer, and a huge one would walk the calendar for seconds.
            errors.append(
                FieldError(
                    field: "minutes", code: "out_of_range",
                    message: "minutes may be at most \(SLAPolicyDraft.maxMinutes)."))
        }
        let pauses = (body.pauses ?? []).enumerated().map { index, pause in
            (instant(pause.from, field: "pauses[\(index)].from"), instant(pause.to, field: "pauses[\(index)].to"))
        }
        guard errors.isEmpty, let from else { throw ValidationFailure(errors) }
        let calendar: BusinessCalendar
        if let given = body.calendar {
            calendar = given
        } else {
            calendar = try await effectiveCalendar(ofBranch: body.branchID!)
        }
        do throws(BusinessTimeError) {
            let due = try calendar.due(
                from: from, businessMinutes: body.minutes,
                pauses: pauses.map { ClockPause(from: $0.0!, to: $0.1!) })
            return PreviewDTO(due: RFC3339.utc(due), businessMinutes: body.minutes)
        } catch {
            switch error {
            case .pauseEndsBeforeStart(let index):
                throw Problem.badRequest("\(error.description).", field: "pauses[\(index)]")
            case .negativeMinutes: throw Problem.badRequest("\(error.description).", field: "minutes")
            case .neverOpens, .outOfRange:
                throw Problem(.unprocessableContent, "calendar-never-opens", "No due time", detail: error.description)
            }
        }
    }

    /// The branch's calendar, or the business default when it is closed on every weekday (as for tickets);
    /// an unknown branch is a field error.
    private func effectiveCalendar(ofBranch id: UUID) async throws -> BusinessCalendar {
        let calendar: BusinessCalendar
        do {
            calendar = try await calendars.branch(id)
        } catch DomainError.notFound {
            throw Problem.badRequest("No branch with id \(id.uuidString).", field: "branch_id", code: "unknown_branch")
        }
        return calendar.isOpenOnSomeWeekday ? calendar : try await calendars.businessDefault()
    }
}
