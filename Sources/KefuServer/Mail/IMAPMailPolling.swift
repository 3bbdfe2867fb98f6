public import KefuMailNet
public import KefuStore
public import Logging
import Foundation

/// Mail fetched over IMAP (`kefu serve --imap-url`) goes into tickets the way `kefu mail ingest` puts it there, and
/// is marked seen only once the store has an answer for it that will not change on a retry.
public enum IMAPMailPolling {
    /// A poller that stores each unseen message with `MailIngest` into the mailbox named `mailbox`, whose own address is
    /// `mailFrom` (else the mailbox's, else the message's `Delivered-To`: mail from there is a loop). Stored, duplicate, noise and refused mail is marked seen (refused mail would be
    /// refused again; the reason is logged); held mail and a failing database leave it unseen for the next poll.
    public static func poller(
        client: IMAPClient, database: KefuDatabase, mailbox: String?, mailFrom: String?,
        interval: Duration = .seconds(30),
        logger: Logger
    ) -> IMAPPoller {
        let ingest = MailIngest(database)
        return IMAPPoller(client: client, interval: interval, logger: logger) { raw in
            switch try await ingest.ingest(raw: raw, mailbox: mailbox, mailFrom: mailFrom, now: Date()) {
            case .stored, .duplicate:
                return true
            case .ignored(let reason):
                logger.info("mail ignored", metadata: ["reason": "\(reason.description)"])
                return true
            case .refused(let reason):
                logger.warning("mail refused", metadata: ["reason": "\(reason)"])
                return true
            case .held:
                return false
            }
        }
    }
}
