import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/api/v1/surveys…` and `/api/v1/survey-invitations/{id}`: surveys (agents read, managers and admins write),
/// invitations (agents and up invite and revoke) and the responses (agents and up read).
struct SurveyRoutes {
    let database: KefuDatabase
    let repositories: Repositories

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.get("surveys", use: list)
        group.post("surveys", use: create)
        group.get("surveys/:id", use: get)
        group.patch("surveys/:id", use: update)
        group.post("surveys/:id/invitations", use: invite)
        group.get("surveys/:id/responses", use: responses)
        group.post("surveys/:id/campaigns", use: launch)
        group.get("surveys/:id/campaigns", use: campaigns)
        group.get("survey-invitations", use: invitations)
        group.get("survey-invitations/:id", use: invitation)
        group.delete("survey-invitations/:id", use: revoke)
    }

    @Sendable func create(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let draft = try await request.decodeJSON(SurveyDraft.self, context: context)
        let survey = try await repositories.surveys.create(draft, by: context.attribution())
        return try created(
            EncodedDTO(survey), request: request, context: context, location: "/api/v1/surveys/\(survey.id.uuidString)")
    }

    /// Newest first; `kind` and `active=true|false` narrow.
    @Sendable func list(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<EncodedDTO> {
        try context.require(.agent)
        let fields = request.queryFields
        let page = try await repositories.surveys.list(
            kind: try fields.choice("kind", SurveyKind.self), active: try fields.bool("active"),
            limit: try fields.limit(), cursor: try fields.cursor(database.cursors))
        return ListDTO(page, cursors: database.cursors) { EncodedDTO($0) }
    }

    @Sendable func get(_ request: Request, context: KefuRequestContext) async throws -> EncodedDTO {
        try context.require(.agent)
        return EncodedDTO(try await repositories.surveys.get(try context.parameters.uuid("id")))
    }

    /// The members given replace the survey's (`questions` whole); `kind` and `three_column` cannot change.
    @Sendable func update(_ request: Request, context: KefuRequestContext) async throws -> EncodedDTO {
        try context.require(.manager)
        let id = try context.parameters.uuid("id")
        let patch = try await request.jsonObject(context: context)
        let draft = try JSONPatch.apply(
            patch, to: try await repositories.surveys.get(id).draft, decoder: context.requestDecoder, nested: false)
        return EncodedDTO(try await repositories.surveys.update(id, to: draft, by: context.attribution()))
    }

    struct NewInvitation: Decodable {
        var customerID: UUID
        var ticketID: UUID?
        var followUpTaskID: UUID?

        enum CodingKeys: String, CodingKey {
            case customerID = "customer_id"
            case ticketID = "ticket_id"
            case followUpTaskID = "follow_up_task_id"
        }
    }

    @Sendable func invite(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let surveyID = try context.parameters.uuid("id")
        let body = try await request.decodeJSON(NewInvitation.self, context: context)
        let issued = try await repositories.surveyInvitations.invite(
            surveyID,
            .init(customerID: body.customerID, ticketID: body.ticketID, followUpTaskID: body.followUpTaskID),
            by: context.attribution())
        return try created(
            InvitationDTO(issued.invitation, url: issued.path, now: context.clock.now()), request: request,
            context: context, location: "/api/v1/survey-invitations/\(issued.invitation.id.uuidString)")
    }

    /// Newest first; `survey_id`, `customer_id` and `ticket_id` narrow.
    @Sendable func invitations(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<InvitationDTO> {
        try context.require(.agent)
        let fields = request.queryFields
        let now = context.clock.now()
        let page = try await repositories.surveyInvitations.list(
            surveyID: try fields.uuid("survey_id"), customerID: try fields.uuid("customer_id"),
            ticketID: try fields.uuid("ticket_id"), limit: try fields.limit(),
            cursor: try fields.cursor(database.cursors))
        return ListDTO(page, cursors: database.cursors) { InvitationDTO($0, url: nil, now: now) }
    }

    @Sendable func invitation(_ request: Request, context: KefuRequestContext) async throws -> InvitationDTO {
        try context.require(.agent)
        let invitation = try await repositories.surveyInvitations.get(try context.parameters.uuid("id"))
        return InvitationDTO(invitation, url: nil, now: context.clock.now())
    }

    /// The link then opens nothing (404); an answered invitation is a 409.
    @Sendable func revoke(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        try await repositories.surveyInvitations.revoke(try context.parameters.uuid("id"), by: context.attribution())
        return Response(status: .noContent)
    }

    struct NewCampaign: Decodable {
        var name: String
        var segment: SurveySegment?
    }

    /// Invites the segment at once; the answer lists every invitation's link (`url`, the path `/s/{token}`),
    /// shown only here.
    @Sendable func launch(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let surveyID = try context.parameters.uuid("id")
        let body = try await request.decodeJSON(NewCampaign.self, context: context)
        let launched = try await repositories.surveyCampaigns.create(
            surveyID: surveyID, name: body.name, segment: body.segment ?? SurveySegment(), by: context.attribution())
        return try created(
            CampaignDTO(launched), request: request, context: context,
            location: "/api/v1/surveys/\(surveyID.uuidString)/campaigns")
    }

    /// Newest first, each with `invited`, `answered` and `response_rate`.
    @Sendable func campaigns(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<EncodedDTO> {
        try context.require(.agent)
        let items = try await repositories.surveyCampaigns.list(surveyID: try context.parameters.uuid("id"))
        return ListDTO(items: items.map { EncodedDTO($0) }, nextCursor: nil)
    }

    /// A campaign just launched: its members and each invitation's link.
    struct CampaignDTO: ResponseEncodable {
        var launched: SurveyCampaignRepository.Launched

        init(_ launched: SurveyCampaignRepository.Launched) { self.launched = launched }

        struct Link: Encodable {
            var customerID: UUID
            var invitationID: UUID
            var url: String

            enum CodingKeys: String, CodingKey {
                case customerID = "customer_id"
                case invitationID = "invitation_id"
                case url
            }
        }

        enum CodingKeys: String, CodingKey { case links }

        func encode(to encoder: any Encoder) throws {
            try launched.campaign.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(
                launched.links.map { Link(customerID: $0.customerID, invitationID: $0.invitationID, url: $0.path) },
                forKey: .links)
        }
    }

    /// Newest first.
    @Sendable func responses(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<EncodedDTO> {
        try context.require(.agent)
        let fields = request.queryFields
        let page = try await repositories.surveyResponses.list(
            surveyID: try context.parameters.uuid("id"), limit: try fields.limit(),
            cursor: try fields.cursor(database.cursors))
        return ListDTO(page, cursors: database.cursors) { EncodedDTO($0) }
    }

    /// An invitation as the API shows it: its members, its `status` now and, when just made, the `url` (the path
    /// `/s/{token}`; the token is not stored, so it is never shown again).
    struct InvitationDTO: ResponseEncodable {
        var invitation: SurveyInvitation
        var url: String?
        var status: SurveyInvitation.Status

        init(_ invitation: SurveyInvitation, url: String?, now: Date) {
            self.invitation = invitation
            self.url = url
            status = invitation.status(now: now)
        }

        enum CodingKeys: String, CodingKey { case url, status }

        func encode(to encoder: any Encoder) throws {
            try invitation.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(url, forKey: .url)
            try c.encode(status, forKey: .status)
        }
    }
}
