import Foundation
import KefuCore

/// A `mailboxes` row.
struct MailboxRow: Codable {
    var id: UUID
    var address: String
    var display_name: String
    var ingest_name: String
    var team_id: UUID?
    var branch_id: UUID?
    var signature: String
    var language: String
    var acknowledgements: Bool
    var created_at: Date
    var updated_at: Date

    init(_ mailbox: Mailbox) {
        id = mailbox.id
        address = mailbox.address
        display_name = mailbox.displayName
        ingest_name = mailbox.ingestName
        team_id = mailbox.teamID
        branch_id = mailbox.branchID
        signature = mailbox.signature
        language = mailbox.language.rawValue
        acknowledgements = mailbox.acknowledgements
        created_at = mailbox.createdAt
        updated_at = mailbox.updatedAt
    }

    func mailbox() throws -> Mailbox {
        guard let language = MailLanguage(rawValue: language) else {
            throw StoreError.corrupt("mailbox \(id) has the language \(language)")
        }
        return Mailbox(
            id: id, address: address, displayName: display_name, ingestName: ingest_name, teamID: team_id,
            branchID: branch_id, signature: signature, language: language, acknowledgements: acknowledgements,
            createdAt: created_at, updatedAt: updated_at)
    }
}
