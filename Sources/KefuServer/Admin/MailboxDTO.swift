import KefuCore

/// A mailbox as JSON: what an admin edits, with id and times.
typealias MailboxDTO = RecordDTO<MailboxDraft>

extension RecordDTO where Profile == MailboxDraft {
    init(_ mailbox: Mailbox) {
        self.init(id: mailbox.id, profile: mailbox.draft, createdAt: mailbox.createdAt, updatedAt: mailbox.updatedAt)
    }
}
