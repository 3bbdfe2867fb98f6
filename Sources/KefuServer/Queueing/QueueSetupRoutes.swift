import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/api/v1/queue/services…`, `/queue/counters…` and `/queue/branches/{id}/…` (issue 14 §1, §8): admins set up
/// a branch's queue — services, counters, the calling policy and settings, the kiosk's device key, the remote join
/// link; staff read them, and agents open and close their counter.
struct QueueSetupRoutes {
    let database: KefuDatabase
    let setup: QueueSetupRepository
    let configuration: ServerConfiguration

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.get("queue/services", use: services)
        group.post("queue/services", use: createService)
        group.get("queue/services/:id", use: service)
        group.put("queue/services/:id", use: updateService)
        group.get("queue/counters", use: counters)
        group.post("queue/counters", use: createCounter)
        group.get("queue/counters/:id", use: counter)
        group.patch("queue/counters/:id", use: updateCounter)
        group.get("queue/branches/:id/policy", use: policy)
        group.put("queue/branches/:id/policy", use: setPolicy)
        group.patch("queue/branches/:id/settings", use: configure)
        group.post("queue/branches/:id/device-key", use: deviceKey)
        group.get("queue/branches/:id/join-link", use: joinLink)
        group.delete("queue/branches/:id/join-links", use: retireJoinLinks)
    }

    struct ServiceBody: Decodable {
        var branch_id: UUID?
        var name: String
        var name_en: String?
        var prefix: String
        var expected_service_minutes: Double
        var target_wait_minutes: Double
        var active: Bool?

        var input: QueueService.Input {
            QueueService.Input(
                name: name, nameEn: name_en, prefix: prefix, expectedServiceMinutes: expected_service_minutes,
                targetWaitMinutes: target_wait_minutes, active: active ?? true)
        }
    }

    @Sendable func services(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<QueueServiceDTO> {
        try context.require(.agent)
        let fields = request.queryFields
        let page = try await setup.services(
            branchID: try fields.uuid("branch_id"), limit: try fields.limit(),
            cursor: try fields.cursor(database.cursors))
        return ListDTO(page, cursors: database.cursors) { QueueServiceDTO(service: $0) }
    }

    @Sendable func createService(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        let body = try await request.decodeJSON(ServiceBody.self, context: context)
        guard let branchID = body.branch_id else { throw Problem.badRequest("Name the branch.", field: "branch_id") }
        let service = try await setup.createService(branchID: branchID, body.input, by: context.attribution())
        return try created(
            QueueServiceDTO(service: service), request: request, context: context,
            location: "/api/v1/queue/services/\(service.id.uuidString)")
    }

    @Sendable func service(_ request: Request, context: KefuRequestContext) async throws -> QueueServiceDTO {
        try context.require(.agent)
        return QueueServiceDTO(service: try await setup.service(try context.parameters.uuid("id")))
    }

    /// Replaces the service's fields (the branch never changes).
    @Sendable func updateService(_ request: Request, context: KefuRequestContext) async throws -> QueueServiceDTO {
        try context.require(.admin)
        let id = try context.parameters.uuid("id")
        let body = try await request.decodeJSON(ServiceBody.self, context: context)
        return QueueServiceDTO(service: try await setup.updateService(id, body.input, by: context.attribution()))
    }

    struct CounterBody: Decodable {
        var branch_id: UUID?
        var name: String?
        var service_ids: [UUID]?
        var open: Bool?
        var agent_id: UUID?
        var clearAgent = false

        enum CodingKeys: String, CodingKey { case branch_id, name, service_ids, open, agent_id }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            branch_id = try c.decodeIfPresent(UUID.self, forKey: .branch_id)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            service_ids = try c.decodeIfPresent([UUID].self, forKey: .service_ids)
            open = try c.decodeIfPresent(Bool.self, forKey: .open)
            agent_id = try c.decodeIfPresent(UUID.self, forKey: .agent_id)
            clearAgent = try c.contains(.agent_id) && c.decodeNil(forKey: .agent_id)
        }
    }

    @Sendable func counters(_ request: Request, context: KefuRequestContext) async throws -> ListDTO<QueueCounterDTO> {
        try context.require(.agent)
        let fields = request.queryFields
        let page = try await setup.counters(
            branchID: try fields.uuid("branch_id"), limit: try fields.limit(),
            cursor: try fields.cursor(database.cursors))
        return ListDTO(page, cursors: database.cursors) { QueueCounterDTO(counter: $0) }
    }

    @Sendable func createCounter(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        let body = try await request.decodeJSON(CounterBody.self, context: context)
        guard let branchID = body.branch_id else { throw Problem.badRequest("Name the branch.", field: "branch_id") }
        let counter = try await setup.createCounter(
            branchID: branchID, name: body.name ?? "", serviceIDs: body.service_ids ?? [], by: context.attribution())
        return try created(
            QueueCounterDTO(counter: counter), request: request, context: context,
            location: "/api/v1/queue/counters/\(counter.id.uuidString)")
    }

    @Sendable func counter(_ request: Request, context: KefuRequestContext) async throws -> QueueCounterDTO {
        try context.require(.agent)
        return QueueCounterDTO(counter: try await setup.counter(try context.parameters.uuid("id")))
    }

    /// Agents open or close a counter and sit at it (`open`, `agent_id`); renaming and changing its services is
    /// for admins.
    @Sendable func updateCounter(_ request: Request, context: KefuRequestContext) async throws -> QueueCounterDTO {
        try context.require(.agent)
        let id = try context.parameters.uuid("id")
        let body = try await request.decodeJSON(CounterBody.self, context: context)
        if body.name != nil || body.service_ids != nil { try context.require(.admin) }
        let change = QueueSetupRepository.CounterChange(
            name: body.name, serviceIDs: body.service_ids, open: body.open, agentID: body.agent_id,
            clearAgent: body.clearAgent)
        return QueueCounterDTO(counter: try await setup.updateCounter(id, change, by: context.attribution()))
    }

    @Sendable func policy(_ request: Request, context: KefuRequestContext) async throws -> QueueSetupDTO {
        try context.require(.agent)
        let branchID = try context.parameters.uuid("id")
        return QueueSetupDTO(branchID: branchID, setup: try await setup.setup(of: branchID))
    }

    struct PolicyBody: Decodable {
        var kind: String
        var aging_minutes: Double?
    }

    /// `{"kind", "aging_minutes"?}`: `aging_minutes` above 0 is required for `aged` (a 400 naming it).
    @Sendable func setPolicy(_ request: Request, context: KefuRequestContext) async throws -> QueueSetupDTO {
        try context.require(.admin)
        let branchID = try context.parameters.uuid("id")
        let body = try await request.decodeJSON(PolicyBody.self, context: context)
        let policy = try QueuePolicy(kind: body.kind, agingMinutes: body.aging_minutes)
        return QueueSetupDTO(
            branchID: branchID, setup: try await setup.setPolicy(branchID, policy, by: context.attribution()))
    }

    struct SettingsBody: Decodable {
        var class_order: QueueClassOrder?
        var tier_classes: [String: QueueClass]?
        var no_show_after_recalls: Int?
        var board_message: String?
    }

    /// The class order, the tier → class mapping, the recalls before a no-show and the board's message line.
    @Sendable func configure(_ request: Request, context: KefuRequestContext) async throws -> QueueSetupDTO {
        try context.require(.admin)
        let branchID = try context.parameters.uuid("id")
        let body = try await request.decodeJSON(SettingsBody.self, context: context)
        return QueueSetupDTO(
            branchID: branchID,
            setup: try await setup.configure(
                branchID, classOrder: body.class_order, tierClasses: body.tier_classes,
                noShowAfterRecalls: body.no_show_after_recalls, boardMessage: body.board_message,
                by: context.attribution()))
    }

    /// 201 `{"device_key"}`: a new key for the branch's kiosk and board, shown this once.
    @Sendable func deviceKey(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        let key = try await setup.renewDeviceKey(try context.parameters.uuid("id"), by: context.attribution())
        return try created(EncodedDTO(["device_key": key]), request: request, context: context, location: nil)
    }

    /// 200 `{"url", "expires_at"}`: a new link to the branch's remote join page (`/join/{id}?token=…`), for a QR
    /// poster; links made before keep working until they expire.
    @Sendable func joinLink(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        let branchID = try context.parameters.uuid("id")
        let link = try await setup.joinLink(branchID, by: context.attribution())
        let path = "/join/\(branchID.uuidString.lowercased())?token=\(link.token)"
        return try EncodedDTO([
            "url": configuration.publicLink(path, request: request), "expires_at": RFC3339.utc(link.expiresAt),
        ]).response(from: request, context: context)
    }

    /// 204: every join link of the branch stops working (posters already printed included).
    @Sendable func retireJoinLinks(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.admin)
        try await setup.retireJoinLinks(try context.parameters.uuid("id"), by: context.attribution())
        return Response(status: .noContent)
    }
}
