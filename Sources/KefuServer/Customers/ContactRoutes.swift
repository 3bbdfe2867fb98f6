import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/api/v1/customers/{id}/contacts…` and `/notes`: key contacts and notes of a customer.
struct ContactRoutes {
    let database: KefuDatabase
    let repositories: Repositories

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.collection(
            "customers/:id/contacts", item: ":contactId", list: list, create: create, get: get, update: update,
            delete: delete)
        group.get("customers/:id/notes", use: listNotes)
        group.post("customers/:id/notes", use: createNote)
    }

    var contacts: ContactRepository { repositories.contacts }

    @Sendable func list(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<ContactDTO> {
        try context.require(.agent)
        return ListDTO(
            items: try await contacts.list(customerID: try context.parameters.uuid("id")).map(ContactDTO.init))
    }

    @Sendable func create(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let customerID = try context.parameters.uuid("id")
        let profile = try await request.decodeJSON(KeyContactProfile.self, context: context)
        let contact = try await contacts.create(customerID: customerID, profile, by: context.attribution())
        return try created(
            ContactDTO(contact), request: request, context: context,
            location: "/api/v1/customers/\(customerID.uuidString)/contacts/\(contact.id.uuidString)")
    }

    @Sendable func get(_ request: Request, context: KefuRequestContext) async throws -> ContactDTO {
        try context.require(.agent)
        return ContactDTO(
            try await contacts.get(
                customerID: try context.parameters.uuid("id"),
                contactID: try context.parameters.uuid("contactId")))
    }

    @Sendable func update(_ request: Request, context: KefuRequestContext) async throws -> ContactDTO {
        try context.require(.agent)
        let (customerID, contactID) = (try context.parameters.uuid("id"), try context.parameters.uuid("contactId"))
        let patch = try await request.jsonObject(context: context)
        let current = try await contacts.get(customerID: customerID, contactID: contactID)
        let profile = try JSONPatch.apply(patch, to: current.profile, decoder: context.requestDecoder)
        return ContactDTO(
            try await contacts.update(
                customerID: customerID, contactID: contactID, to: profile,
                by: context.attribution()))
    }

    @Sendable func delete(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        try await contacts.delete(
            customerID: try context.parameters.uuid("id"), contactID: try context.parameters.uuid("contactId"),
            by: context.attribution())
        return Response(status: .noContent)
    }

    struct NoteRequest: Decodable {
        var body: String
    }

    @Sendable func listNotes(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<NoteDTO> {
        try context.require(.agent)
        let page = try await repositories.notes.list(
            customerID: try context.parameters.uuid("id"),
            limit: try request.queryLimit(), cursor: try request.queryCursor(database.cursors))
        return ListDTO(page, cursors: database.cursors, map: NoteDTO.init)
    }

    @Sendable func createNote(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.agent)
        let customerID = try context.parameters.uuid("id")
        let body = try await request.decodeJSON(NoteRequest.self, context: context)
        let note = try await repositories.notes.create(
            customerID: customerID, body: body.body, by: context.attribution())
        return try created(NoteDTO(note), request: request, context: context, location: nil)
    }
}

/// A 201 response with the created resource as its body.
func created(
    _ body: some ResponseGenerator, request: Request, context: KefuRequestContext,
    location: String?
) throws -> Response {
    var response = try body.response(from: request, context: context)
    response.status = .created
    if let location { response.headers[.location] = location }
    return response
}
