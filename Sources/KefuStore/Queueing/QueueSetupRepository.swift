public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// A branch's queue set-up (issue 14 §1): its policy and settings, its services and its counters. Admins write
/// them; every write is audited and a unit of the group commit.
public struct QueueSetupRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }
    let writes: GroupCommit
    let live: LiveUpdates

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
        writes = database.writes
        live = database.live
    }

    // MARK: Branch settings

    /// The branch's settings, the defaults when nobody set any; an unknown branch is `.notFound`.
    public func setup(of branchID: UUID) async throws -> QueueBranchSetup {
        try await Self.setup(of: branchID, on: db.sql)
    }

    /// Sets the branch's calling policy.
    public func setPolicy(_ branchID: UUID, _ policy: QueuePolicy, by attribution: Attribution) async throws
        -> QueueBranchSetup
    {
        try await change(branchID, by: attribution) { $0.policy = policy }
    }

    /// Changes the branch's other settings: the class order, the tier → class mapping, the recalls before a no-show
    /// and the board's message line (nil leaves a field as it is; an empty message clears it). A new message line
    /// reaches the open boards through the branch's live updates.
    public func configure(
        _ branchID: UUID, classOrder: QueueClassOrder?, tierClasses: [String: QueueClass]?, noShowAfterRecalls: Int?,
        boardMessage: String?, by attribution: Attribution
    ) async throws -> QueueBranchSetup {
        let setup = try await change(branchID, by: attribution) { setup in
            if let classOrder { setup.classOrder = classOrder }
            if let tierClasses { setup.tierClasses = tierClasses }
            if let noShowAfterRecalls { setup.noShowAfterRecalls = noShowAfterRecalls }
            if let boardMessage {
                let message = boardMessage.trimmingCharacters(in: .whitespacesAndNewlines)
                setup.boardMessage = message.isEmpty ? nil : String(message.prefix(200))
            }
            let errors = QueueBranchSetup.recallErrors(setup.noShowAfterRecalls)
            guard errors.isEmpty else { throw DomainError.invalid(errors) }
        }
        if boardMessage != nil { await live.publish(QueueTicketRepository.liveTopic(branch: branchID)) }
        return setup
    }

    /// A new device key for the branch's kiosk and board, returned in clear this once; the old one stops working.
    public func renewDeviceKey(_ branchID: UUID, by attribution: Attribution) async throws -> String {
        let key = TokenRepository.randomToken()
        _ = try await change(branchID, by: attribution) { $0.deviceKeyHash = TokenRepository.hash(key) }
        return key
    }

    /// Whether `key` is the branch's current device key (false when none was made).
    public func acceptsDeviceKey(_ key: String, for branchID: UUID) async throws -> Bool {
        guard let hash = try await setup(of: branchID).deviceKeyHash, !key.isEmpty else { return false }
        return TokenRepository.hash(key) == hash
    }

    private func change(
        _ branchID: UUID, by attribution: Attribution,
        _ edit: @escaping @Sendable (inout QueueBranchSetup) throws -> Void
    ) async throws -> QueueBranchSetup {
        try await writes.write { tx in
            let old = try await Self.setup(of: branchID, on: tx)
            var setup = old
            try edit(&setup)
            setup.updatedAt = attribution.now
            let row = try QueueRows.Setup(branchID: branchID, setup, now: attribution.now)
            try await tx.delete(from: "queue_branches").where("branch_id", .equal, branchID).run()
            try await tx.insert(into: "queue_branches").model(row).run()
            try await AuditLog.record(
                on: tx, attribution, action: "queue.branch.update", entityType: "branch",
                entityID: branchID.uuidString,
                changes: try AuditLog.diff(before: Self.auditFields(old), after: Self.auditFields(setup)))
            return setup
        }
    }

    static func setup(of branchID: UUID, on sql: any SQLDatabase) async throws -> QueueBranchSetup {
        if let row = try await sql.select().column("*").from("queue_branches").where("branch_id", .equal, branchID)
            .first(decoding: QueueRows.Setup.self)
        {
            return try row.setup
        }
        try await requireBranch(branchID, on: sql)
        return QueueBranchSetup()
    }

    static func requireBranch(_ branchID: UUID, on sql: any SQLDatabase, field: String? = nil) async throws {
        guard try await sql.select().column("id").from("branches").where("id", .equal, branchID).first() == nil
        else { return }
        guard let field else { throw DomainError.notFound(entity: "branch", id: branchID.uuidString) }
        throw DomainError.invalid([FieldError(field: field, code: "unknown_branch", message: "No such branch.")])
    }

    private static func auditFields(_ setup: QueueBranchSetup) -> [String: String?] {
        [
            "policy": setup.policy.kind.rawValue, "aging_minutes": setup.policy.agingMinutes.map { String($0) },
            "class_order": setup.classOrder.classes.map(\.rawValue).joined(separator: ","),
            "tier_classes": setup.tierClasses.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.rawValue)" }
                .joined(separator: ","),
            "no_show_after_recalls": String(setup.noShowAfterRecalls), "board_message": setup.boardMessage,
            "device_key": setup.deviceKeyHash == nil ? nil : "set",
        ]
    }
}
