public import Foundation
public import KefuCore
import FluentKit
import SQLKit

/// Staff notifications (DESIGN.md "Notifications"): capabilities write them with `notify` inside the
/// transaction of the change that caused them, so a notification exists exactly when its change does; each
/// user reads their own list, newest first, and marks entries read.
public struct NotificationRepository: Sendable {
    private let source: DatabaseSource
    var db: any Database { source.db }

    public init(_ database: KefuDatabase) {
        source = DatabaseSource(database)
    }

    /// A page of `userID`'s notifications, newest first; only the unread ones when `unreadOnly`.
    public func list(
        for userID: UUID, unreadOnly: Bool = false, limit: Int = 50, cursor: PageCursor? = nil
    ) async throws -> KefuCore.Page<StaffNotification> {
        var select = db.sql.select().column("*").from("notifications").where("user_id", .equal, userID)
        if unreadOnly { select = select.where("read_at", .is, SQLLiteral.null) }
        return try await select.page(
            NotificationRow.self, column: "created_at", descending: true, limit: limit, cursor: cursor,
            key: { PageCursor(value: .date($0.created_at), id: $0.id) }
        ) { try $0.notification() }
    }

    /// How many of `userID`'s notifications are unread: one read of the partial unread index, cheap enough for
    /// every page header.
    public func unreadCount(for userID: UUID) async throws -> Int {
        struct Row: Decodable { var count: Int }
        let row = try await db.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count")
            .from("notifications").where("user_id", .equal, userID).where("read_at", .is, SQLLiteral.null)
            .first(decoding: Row.self)
        return row?.count ?? 0
    }

    /// Marks one of `userID`'s notifications read (again is a no-op) and returns it; someone else's is not found.
    public func markRead(_ id: UUID, for userID: UUID, now: Date) async throws -> StaffNotification {
        try await db.sqlTransaction { tx in
            try await tx.update("notifications").set("read_at", to: now).where("id", .equal, id)
                .where("user_id", .equal, userID).where("read_at", .is, SQLLiteral.null).run()
            guard
                let row = try await tx.select().column("*").from("notifications").where("id", .equal, id)
                    .where("user_id", .equal, userID).first(decoding: NotificationRow.self)
            else { throw DomainError.notFound(entity: "notification", id: id.uuidString) }
            return try row.notification()
        }
    }

    /// Marks every unread notification of `userID` read; returns how many were.
    public func markAllRead(for userID: UUID, now: Date) async throws -> Int {
        try await db.sql.update("notifications").set("read_at", to: now).where("user_id", .equal, userID)
            .where("read_at", .is, SQLLiteral.null).returning("id").all().count
    }

    /// Writes one notification per recipient about `subject`, on the caller's open transaction. `params` are
    /// what the text is rendered from; `by`, the name of who made the change, is added here.
    static func notify(
        _ recipients: [NotificationRecipient], about subject: StaffNotification.Subject, params: [String: String],
        on tx: any SQLDatabase, by attribution: Attribution
    ) async throws {
        guard !recipients.isEmpty else { return }
        var params = params
        params["by"] = try await actorName(attribution, on: tx)
        let text = try StoreJSON.encode(params)
        var insert = tx.insert(into: "notifications").columns(
            "id", "user_id", "kind", "subject_type", "subject_id", "link", "params", "created_at")
        for recipient in recipients {
            insert = insert.values(
                SQLBind(TimeOrderedID.next(now: attribution.now)), SQLBind(recipient.userID), SQLBind(recipient.kind),
                SQLBind(subject.type), SQLBind(subject.id), SQLBind(subject.link), SQLBind(text),
                SQLBind(attribution.now))
        }
        try await insert.run()
    }

    /// The active accounts that may approve what needs a manager: managers and admins.
    static func approvers(on tx: any SQLDatabase) async throws -> [UUID] {
        struct Row: Decodable { var id: UUID }
        let roles = Role.allCases.filter { $0.includes(.manager) }.map(\.rawValue)
        return try await tx.select().column("id").from("users").where("active", .equal, true)
            .where("role", .in, roles).orderBy("id").all(decoding: Row.self).map(\.id)
    }

    /// The active managers: they hear of every SLA warning and breach (accounts carry no branch yet).
    static func managers(on tx: any SQLDatabase) async throws -> [UUID] {
        struct Row: Decodable { var id: UUID }
        return try await tx.select().column("id").from("users").where("active", .equal, true)
            .where("role", .equal, Role.manager.rawValue).orderBy("id").all(decoding: Row.self).map(\.id)
    }

    private static func actorName(_ attribution: Attribution, on tx: any SQLDatabase) async throws -> String {
        struct Row: Decodable { var name: String }
        let fallback = attribution.email ?? "Kefu"
        guard let id = attribution.userID else { return fallback }
        return try await tx.select().column("name").from("users").where("id", .equal, id)
            .first(decoding: Row.self)?.name ?? fallback
    }
}

/// A `notifications` row; `params` is a JSON object of strings.
struct NotificationRow: Codable {
    var id: UUID
    var user_id: UUID
    var kind: String
    var subject_type: String
    var subject_id: UUID
    var link: String
    var params: String
    var created_at: Date
    var read_at: Date?

    func notification() throws -> StaffNotification {
        StaffNotification(
            id: id, userID: user_id, kind: kind, subject: .init(type: subject_type, id: subject_id, link: link),
            params: try StoreJSON.decode([String: String].self, from: params), createdAt: created_at,
            readAt: read_at)
    }
}
