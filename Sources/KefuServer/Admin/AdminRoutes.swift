import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/api/v1/branches`, `/settings`, `/users`, `/audit` and `/admin/jobs`: what admins configure and inspect.
struct AdminRoutes {
    let database: KefuDatabase
    let repositories: Repositories
    let passwords: Passwords

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.collection(
            "branches", list: listBranches, create: createBranch, get: getBranch, update: updateBranch,
            delete: deleteBranch)
        group.get("settings", use: getSettings)
        group.patch("settings", use: updateSettings)
        group.get("users", use: listUsers)
        group.post("users", use: createUser)
        group.get("users/:id", use: getUser)
        group.patch("users/:id", use: updateUser)
        group.get("audit", use: audit)
        group.get("admin/jobs", use: listJobs)
    }

    var branches: BranchRepository { repositories.branches }
    var users: UserRepository { repositories.users }

    @Sendable func listBranches(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<BranchDTO> {
        try context.require(.agent)
        return ListDTO(items: try await branches.list().map(BranchDTO.init))
    }

    @Sendable func createBranch(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        let profile = try await request.decodeJSON(BranchProfile.self, context: context)
        let branch = try await branches.create(profile, by: context.attribution())
        return try created(
            BranchDTO(branch), request: request, context: context,
            location: "/api/v1/branches/\(branch.id.uuidString)")
    }

    @Sendable func getBranch(_ request: Request, context: KefuRequestContext) async throws -> BranchDTO {
        try context.require(.agent)
        return BranchDTO(try await branches.get(try context.parameters.uuid("id")))
    }

    @Sendable func updateBranch(_ request: Request, context: KefuRequestContext) async throws -> BranchDTO {
        try context.require(.admin)
        let id = try context.parameters.uuid("id")
        let patch = try await request.jsonObject(context: context)
        let current = try await branches.get(id)
        let profile = try JSONPatch.apply(patch, to: current.profile, decoder: context.requestDecoder)
        return BranchDTO(try await branches.update(id, to: profile, by: context.attribution()))
    }

    @Sendable func deleteBranch(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        try await branches.delete(try context.parameters.uuid("id"), by: context.attribution())
        return Response(status: .noContent)
    }

    @Sendable func getSettings(_ request: Request, context: KefuRequestContext) async throws -> SettingsDTO {
        try context.require(.agent)
        return SettingsDTO(settings: try await repositories.settings.get())
    }

    @Sendable func updateSettings(_ request: Request, context: KefuRequestContext) async throws -> SettingsDTO {
        try context.require(.admin)
        let patch = try await request.jsonObject(context: context)
        let repository = repositories.settings
        let settings = try JSONPatch.apply(
            patch, to: try await repository.get(), decoder: context.requestDecoder, nested: true)
        return SettingsDTO(settings: try await repository.update(settings, by: context.attribution()))
    }

    @Sendable func listUsers(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<UserDTO> {
        try context.require(.admin)
        let page = try await users.list(
            limit: try request.queryLimit(), cursor: try request.queryCursor(database.cursors))
        return ListDTO(page, cursors: database.cursors, map: UserDTO.init)
    }

    struct NewUser: Decodable {
        var email: String
        var name: String
        var role: Role
        var password: String
    }

    @Sendable func createUser(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        let body = try await request.decodeJSON(NewUser.self, context: context)
        let hash = try await passwords.hash(body.password)
        let user = try await users.create(
            email: body.email, name: body.name, role: body.role, passwordHash: hash,
            by: context.attribution())
        return try created(
            UserDTO(user: user), request: request, context: context, location: "/api/v1/users/\(user.id.uuidString)")
    }

    @Sendable func getUser(_ request: Request, context: KefuRequestContext) async throws -> UserDTO {
        try context.require(.admin)
        return UserDTO(user: try await users.get(try context.parameters.uuid("id")))
    }

    struct UserChanges: Decodable {
        var name: String?
        var role: Role?
        var active: Bool?
        var password: String?
    }

    @Sendable func updateUser(_ request: Request, context: KefuRequestContext) async throws -> UserDTO {
        let caller = try context.require(.admin)
        let id = try context.parameters.uuid("id")
        let body = try await request.decodeJSON(UserChanges.self, context: context)
        if id == caller.id, body.active == false || (body.role.map { $0 != .admin } ?? false) {
            throw DomainError.conflict(
                message: "You cannot disable or demote your own account.", field: nil, conflictingID: nil)
        }
        let hash = try await body.password.asyncMap { try await passwords.hash($0) }
        let user = try await users.update(
            id, .init(name: body.name, role: body.role, active: body.active, passwordHash: hash),
            by: context.attribution())
        return UserDTO(user: user)
    }

    @Sendable func audit(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<AuditEntryDTO> {
        try context.require(.admin)
        let page = try await AuditLog.list(
            in: database, entityType: request.query("entity_type")?.nilIfBlank,
            entityID: request.query("entity_id")?.nilIfBlank,
            limit: try request.queryLimit(), cursor: try request.queryCursor(database.cursors))
        return ListDTO(page, cursors: database.cursors, map: AuditEntryDTO.init)
    }

    /// Background jobs in one status (`status`, default `dead`: the ones that need a look), latest change first.
    @Sendable func listJobs(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<JobDTO> {
        try context.require(.admin)
        let query = request.queryFields
        let page = try await JobQueue(database).list(
            status: try query.choice("status", JobStatus.self) ?? .dead, limit: try query.limit(),
            cursor: try query.cursor(database.cursors))
        return ListDTO(page, cursors: database.cursors, map: JobDTO.init)
    }
}
