public import Foundation

/// An address the business receives mail at (issue 16 §2): which mail it is (`kefu mail ingest --mailbox
/// NAME`, the IMAP poller), where its new tickets go (team, branch), and how Kefu answers from it (display
/// name, signature, language, acknowledgements on or off).
public struct Mailbox: Codable, Sendable, Equatable, Identifiable {
    public var id: UUID
    /// Lower-cased.
    public var address: String
    public var displayName: String
    /// The name `kefu mail ingest --mailbox` and the IMAP poller give.
    public var ingestName: String
    public var teamID: UUID?
    public var branchID: UUID?
    public var signature: String
    public var language: MailLanguage
    public var acknowledgements: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, address: String, displayName: String, ingestName: String, teamID: UUID? = nil,
        branchID: UUID? = nil, signature: String = "", language: MailLanguage = .zhHans, acknowledgements: Bool = true,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.address = address
        self.displayName = displayName
        self.ingestName = ingestName
        self.teamID = teamID
        self.branchID = branchID
        self.signature = signature
        self.language = language
        self.acknowledgements = acknowledgements
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// What an admin edits of the mailbox.
    public var draft: MailboxDraft {
        MailboxDraft(
            address: address, displayName: displayName, ingestName: ingestName, teamID: teamID, branchID: branchID,
            signature: signature, language: language, acknowledgements: acknowledgements)
    }

    enum CodingKeys: String, CodingKey {
        case id, address
        case displayName = "display_name"
        case ingestName = "ingest_name"
        case teamID = "team_id"
        case branchID = "branch_id"
        case signature, language, acknowledgements
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// The language a mailbox writes its acknowledgements in.
public enum MailLanguage: String, Codable, Sendable, CaseIterable {
    case zhHans = "zh-Hans"
    case en
}
