public import Foundation

/// What an admin gives to create or change a mailbox; `validated()` cleans it (the address and the ingest name
/// lower-cased and trimmed) or names every bad field.
public struct MailboxDraft: Codable, Sendable, Equatable {
    public var address: String
    public var displayName: String
    public var ingestName: String
    public var teamID: UUID?
    public var branchID: UUID?
    public var signature: String
    public var language: MailLanguage
    public var acknowledgements: Bool

    public static let maxDisplayNameLength = 100
    public static let maxIngestNameLength = 64
    public static let maxSignatureLength = 2_000

    public init(
        address: String, displayName: String = "", ingestName: String, teamID: UUID? = nil, branchID: UUID? = nil,
        signature: String = "", language: MailLanguage = .zhHans, acknowledgements: Bool = true
    ) {
        self.address = address
        self.displayName = displayName
        self.ingestName = ingestName
        self.teamID = teamID
        self.branchID = branchID
        self.signature = signature
        self.language = language
        self.acknowledgements = acknowledgements
    }

    enum CodingKeys: String, CodingKey {
        case address
        case displayName = "display_name"
        case ingestName = "ingest_name"
        case teamID = "team_id"
        case branchID = "branch_id"
        case signature, language, acknowledgements
    }

    /// `address` and `ingest_name` are required; the rest take their defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = MailboxDraft(address: "", ingestName: "")
        self.init(
            address: try c.decode(String.self, forKey: .address),
            displayName: try c.decodeIfPresent(String.self, forKey: .displayName) ?? defaults.displayName,
            ingestName: try c.decode(String.self, forKey: .ingestName),
            teamID: try c.decodeIfPresent(UUID.self, forKey: .teamID),
            branchID: try c.decodeIfPresent(UUID.self, forKey: .branchID),
            signature: try c.decodeIfPresent(String.self, forKey: .signature) ?? defaults.signature,
            language: try c.decodeIfPresent(MailLanguage.self, forKey: .language) ?? defaults.language,
            acknowledgements: try c.decodeIfPresent(Bool.self, forKey: .acknowledgements) ?? defaults.acknowledgements)
    }

    /// Every member, absent ones as null, so a PATCH can clear the team or branch.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(address, forKey: .address)
        try c.encode(displayName, forKey: .displayName)
        try c.encode(ingestName, forKey: .ingestName)
        try c.encode(teamID, forKey: .teamID)
        try c.encode(branchID, forKey: .branchID)
        try c.encode(signature, forKey: .signature)
        try c.encode(language, forKey: .language)
        try c.encode(acknowledgements, forKey: .acknowledgements)
    }

    /// The draft trimmed, with the address and the ingest name lower-cased: an address is one `local@domain`
    /// without blanks; an ingest name is 1–64 of `a-z 0-9 . _ -`, so it fits a command line and an IMAP folder.
    public func validated() throws(ValidationFailure) -> MailboxDraft {
        var out = self
        out.address = address.trimmingWhitespace().lowercased()
        out.displayName = displayName.trimmingWhitespace()
        out.ingestName = ingestName.trimmingWhitespace().lowercased()
        out.signature = signature.trimmingWhitespace()
        var errors: [FieldError] = []
        let parts = out.address.split(separator: "@", omittingEmptySubsequences: false)
        if parts.count != 2 || parts.contains(where: \.isEmpty) || out.address.contains(where: \.isWhitespace)
            || out.address.contains(where: { "<>,;\"".contains($0) })
        {
            errors.append(FieldError(field: "address", code: "invalid_email", message: "Not an email address."))
        }
        if out.displayName.count > Self.maxDisplayNameLength {
            errors.append(
                FieldError(
                    field: "display_name", code: "too_long",
                    message: "Longer than \(Self.maxDisplayNameLength) characters."))
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        if out.ingestName.isEmpty || out.ingestName.count > Self.maxIngestNameLength
            || !out.ingestName.allSatisfy(allowed.contains)
        {
            errors.append(
                FieldError(
                    field: "ingest_name", code: "invalid_ingest_name",
                    message: "1 to \(Self.maxIngestNameLength) of the characters a-z, 0-9, dot, underscore and hyphen."
                ))
        }
        if out.signature.count > Self.maxSignatureLength {
            errors.append(
                FieldError(
                    field: "signature", code: "too_long", message: "Longer than \(Self.maxSignatureLength) characters.")
            )
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return out
    }
}
