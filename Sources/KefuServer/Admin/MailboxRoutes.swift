import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/api/v1/mailboxes`: the addresses the business receives mail at (admin only: they decide where mail
/// lands and what Kefu answers from).
struct MailboxRoutes {
    let mailboxes: MailboxRepository

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.get("mailboxes", use: list)
        group.post("mailboxes", use: create)
        group.get("mailboxes/:id", use: get)
        group.patch("mailboxes/:id", use: update)
    }

    @Sendable func list(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<MailboxDTO> {
        try context.require(.admin)
        return ListDTO(items: try await mailboxes.list().map(MailboxDTO.init))
    }

    @Sendable func create(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        let draft = try await request.decodeJSON(MailboxDraft.self, context: context)
        let mailbox = try await mailboxes.create(draft, by: context.attribution())
        return try created(
            MailboxDTO(mailbox), request: request, context: context,
            location: "/api/v1/mailboxes/\(mailbox.id.uuidString)")
    }

    @Sendable func get(_ request: Request, context: KefuRequestContext) async throws -> MailboxDTO {
        try context.require(.admin)
        return MailboxDTO(try await mailboxes.get(try context.parameters.uuid("id")))
    }

    @Sendable func update(_ request: Request, context: KefuRequestContext) async throws -> MailboxDTO {
        try context.require(.admin)
        let id = try context.parameters.uuid("id")
        let patch = try await request.jsonObject(context: context)
        let current = try await mailboxes.get(id)
        let draft = try JSONPatch.apply(patch, to: current.draft, decoder: context.requestDecoder)
        return MailboxDTO(try await mailboxes.update(id, to: draft, by: context.attribution()))
    }
}
