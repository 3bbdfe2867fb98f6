public import Foundation

/// What a signed public link opens. Each capability names its own (`ticket_status` here; surveys, queue tickets and
/// member pages add theirs), so a token made for one page never opens another.
public struct SignedLinkPurpose: RawRepresentable, Hashable, Sendable {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// A ticket's status page, `/support/t/{token}`.
    public static let ticketStatus = SignedLinkPurpose(rawValue: "ticket_status")
    /// A survey invitation's answer page, `/s/{token}` (single-use).
    public static let survey = SignedLinkPurpose(rawValue: "survey")
    /// A loyalty member's own page, `/m/{token}`.
    public static let member = SignedLinkPurpose(rawValue: "member")
    /// A walk-in queue ticket's status page, `/q/{token}`.
    public static let queueTicket = SignedLinkPurpose(rawValue: "queue_ticket")
    /// A branch's remote join page, `/join/{branch_id}?token=…`: the link staff print as a QR poster.
    public static let queueJoin = SignedLinkPurpose(rawValue: "queue_join")
}

/// Why a signed link does not open. Unknown and revoked links fail alike, so a visitor learns nothing about tokens
/// that once worked.
public enum SignedLinkFailure: Error, Sendable, Equatable {
    /// Unknown, altered, revoked or made for another purpose: a 404 page.
    case notFound
    /// Past its expiry: a 410 page.
    case expired
    /// A single-use link already used: the "already answered" page.
    case used
}

/// A stored signed link: the page a customer opens without a password (DESIGN.md "Signed public links"). Its token
/// exists only in the holder's hands; the store keeps a hash of it.
public struct SignedLink: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var purpose: SignedLinkPurpose
    /// What the link opens: a ticket, a survey, … (the purpose says which table).
    public var subjectID: UUID
    public var createdAt: Date
    /// Nil: valid until revoked.
    public var expiresAt: Date?
    public var singleUse: Bool
    public var usedAt: Date?
    public var revokedAt: Date?

    /// Characters of a token: 256 random bits in base64url without padding.
    public static let tokenLength = 43

    public init(
        id: UUID, purpose: SignedLinkPurpose, subjectID: UUID, createdAt: Date, expiresAt: Date? = nil,
        singleUse: Bool = false, usedAt: Date? = nil, revokedAt: Date? = nil
    ) {
        self.id = id
        self.purpose = purpose
        self.subjectID = subjectID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.singleUse = singleUse
        self.usedAt = usedAt
        self.revokedAt = revokedAt
    }

    /// The subject when the link opens for `purpose` at `now`. A used single-use link says so even once expired:
    /// "already answered" tells the customer more than "expired".
    public func open(for purpose: SignedLinkPurpose, now: Date) throws(SignedLinkFailure) -> UUID {
        guard purpose == self.purpose, revokedAt == nil else { throw .notFound }
        if singleUse, usedAt != nil { throw .used }
        if let expiresAt, now >= expiresAt { throw .expired }
        return subjectID
    }

    /// True for text shaped like a token; anything else is not looked up at all.
    public static func isWellFormed(_ token: some StringProtocol) -> Bool {
        token.utf8.count == tokenLength && Base64URL.decode(token) != nil
    }
}
