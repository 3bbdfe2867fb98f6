import Foundation
import HTTPTypes
import Hummingbird
import KefuCore
import KefuStore

/// POST `/surveys/{id}/campaigns` (managers and admins, from the survey page: `name`, and the segment's `tier`,
/// `tag`, `branch_id`, `stage`, `purchased_within_days`): invites every customer of the segment at once and
/// answers with a CSV of their links (`customer_id,name,phone,email,link`) to send with an SMS or mail tool —
/// the only time the links exist in clear. A refused form shows the survey page again with the reasons.
struct SurveyCampaignPage {
    let web: WebRoutes
    let page: SurveyPage

    func register(on router: Router<KefuRequestContext>) {
        web.post(router, "surveys/:id/campaigns", launch)
    }

    @Sendable func launch(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let id = try context.parameters.uuid("id")
        let form = try await WebForm.posted(request, context: context)
        let ui = web.views.ui(request, context)
        let launched: SurveyCampaignRepository.Launched
        do {
            var segment = SurveySegment(
                tier: form["tier"], tag: form["tag"], branchID: form["branch_id"].flatMap(UUID.init(uuidString:)),
                stage: form["stage"].flatMap(LifecycleStage.init(rawValue:)))
            if let days = form["purchased_within_days"] {
                guard let whole = Int(days) else {
                    throw ValidationFailure([
                        FieldError(
                            field: "segment.purchased_within_days", code: "not_whole_number",
                            message: "Enter a whole number.")
                    ])
                }
                segment.purchasedWithinDays = whole
            }
            launched = try await web.repositories.surveyCampaigns.create(
                surveyID: id, name: form.raw("name"), segment: segment, by: context.attribution())
        } catch {
            guard let (errors, _) = AdminUsersPage.formErrors(error) else { throw error }
            return try await page.render(
                request, context, id: id, campaign: (form, FollowUpPlansPage.messages(errors, ui: ui)))
        }
        let customers = try await web.repositories.customers.customers(launched.links.map(\.customerID))
        let base = (web.configuration.publicURL ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        var csv = CSV.line(["customer_id", "name", "phone", "email", "link"])
        for link in launched.links {
            let profile = customers[link.customerID]?.profile
            csv += CSV.line(
                [
                    link.customerID.uuidString, profile?.name ?? "", profile?.phones.first ?? "",
                    profile?.emails.first ?? "", base + link.path,
                ].map(CSV.protectFormula))
        }
        return Response(
            status: .created,
            headers: [
                .contentType: "text/csv; charset=utf-8", .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"survey-campaign-\(launched.campaign.id.uuidString).csv\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: csv)))
    }
}
