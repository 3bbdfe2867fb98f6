import Foundation
import KefuCore
import SQLKit

/// What a mail message keeps beside its row in `ticket_messages`: the raw original (`mail_originals`) and the
/// attachments (`message_attachments`, in the order of the message; over the size limit only listed).
enum MailParts {
    /// Stores `raw` and `attachments` for the message `messageID` on the caller's transaction; an attachment larger
    /// than `attachmentLimit` bytes keeps its name, type and size but not its bytes.
    static func store(
        raw: [UInt8], attachments: [MailAttachment], attachmentLimit: Int, for messageID: UUID, on tx: any SQLDatabase
    ) async throws {
        try await tx.insert(into: "mail_originals").columns("message_id", "raw")
            .values(SQLBind(messageID), SQLBind(Data(raw))).run()
        guard !attachments.isEmpty else { return }
        var insert = tx.insert(into: "message_attachments")
            .columns("message_id", "position", "filename", "content_type", "size", "bytes")
        for (position, attachment) in attachments.enumerated() {
            let bytes = attachment.size <= attachmentLimit ? Data(attachment.data) : nil
            insert = insert.values(
                SQLBind(messageID), SQLBind(position), SQLBind(attachment.filename), SQLBind(attachment.contentType),
                SQLBind(Int64(attachment.size)), SQLBind(bytes))
        }
        try await insert.run()
    }

    /// The attachments of every message of `ticketID`, by message, in their order.
    static func attachments(
        ofTicket ticketID: UUID, on sql: any SQLDatabase
    ) async throws -> [UUID: [MessageAttachment]] {
        struct Row: Decodable {
            var message_id: UUID
            var filename: String?
            var content_type: String
            var size: Int64
            var stored: Int
        }
        let rows = try await sql.raw(
            """
            SELECT a.message_id, a.filename, a.content_type, a.size,
                CASE WHEN a.bytes IS NULL THEN 0 ELSE 1 END AS stored
            FROM message_attachments a JOIN ticket_messages m ON m.id = a.message_id
            WHERE m.ticket_id = \(bind: ticketID) ORDER BY a.message_id, a.position
            """
        ).all(decoding: Row.self)
        return Dictionary(grouping: rows, by: \.message_id).mapValues { rows in
            rows.map {
                MessageAttachment(
                    filename: $0.filename, contentType: $0.content_type, size: Int($0.size), stored: $0.stored == 1)
            }
        }
    }

    /// The raw original of the message `messageID`, or nil when it did not come by mail.
    static func original(of messageID: UUID, on sql: any SQLDatabase) async throws -> [UInt8]? {
        struct Row: Decodable { var raw: Data }
        return try await sql.select().column("raw").from("mail_originals").where("message_id", .equal, messageID)
            .first(decoding: Row.self).map { [UInt8]($0.raw) }
    }
}
