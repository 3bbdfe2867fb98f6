public import Foundation

/// What a customer write must respect of what is already stored: the branch it names exists, its
/// account manager is an active staff user, and each of its phones and emails belongs to no other customer. The store looks the facts up; these
/// rules decide, once, for every write path (create, update, merge, import, the form).
public enum CustomerConflict: Error, Sendable, Equatable {
    /// The profile names a branch that does not exist (400).
    case unknownBranch(UUID)
    /// The profile's account manager is no active staff user (400).
    case unknownUser(UUID)
    /// A phone or email already belongs to another customer (409 naming the holder).
    case identityTaken(value: String, field: String, owner: UUID)

    /// The profile's branch, checked against the branches that exist.
    public static func branch(of profile: CustomerProfile, exists: (UUID) -> Bool) -> CustomerConflict? {
        guard let branch = profile.branchID, !exists(branch) else { return nil }
        return .unknownBranch(branch)
    }

    /// The profile's account manager, checked against the active staff users.
    public static func accountManager(of profile: CustomerProfile, isActive: (UUID) -> Bool) -> CustomerConflict? {
        guard let user = profile.accountManagerID, !isActive(user) else { return nil }
        return .unknownUser(user)
    }

    /// The first of the profile's phones and emails held by a customer other than `customer`;
    /// `owner` says who holds a value, if anyone.
    public static func identities(
        of profile: CustomerProfile, for customer: UUID?,
        owner: (String) -> UUID?
    ) -> CustomerConflict? {
        for (values, field) in [(profile.phones, "phones"), (profile.emails, "emails")] {
            for value in values {
                if let holder = owner(value), holder != customer {
                    return .identityTaken(value: value, field: field, owner: holder)
                }
            }
        }
        return nil
    }

    /// The field the problem belongs to (`branch_id`, `account_manager_id`, `phones` or `emails`).
    public var field: String {
        switch self {
        case .unknownBranch: "branch_id"
        case .unknownUser: "account_manager_id"
        case .identityTaken(_, let field, _): field
        }
    }

    public var message: String {
        switch self {
        case .unknownBranch: "No such branch."
        case .unknownUser: "No such active staff user."
        case .identityTaken(let value, _, let owner): "\(value) already belongs to customer \(owner.uuidString)."
        }
    }

    /// The error code (`unknown_branch`, `unknown_user` or `conflict`).
    public var code: String {
        switch self {
        case .unknownBranch: "unknown_branch"
        case .unknownUser: "unknown_user"
        case .identityTaken: "conflict"
        }
    }

    /// The error the API and pages answer with.
    public var domainError: DomainError {
        switch self {
        case .unknownBranch, .unknownUser:
            .invalid([FieldError(field: field, code: code, message: message)])
        case .identityTaken(_, let field, let owner):
            .conflict(message: message, field: field, conflictingID: owner)
        }
    }
}
