import Foundation
import KefuCore
import Testing

@Suite struct CustomerConflictTests {
    let me = UUID(), other = UUID(), branch = UUID()

    func profile(phones: [String] = [], emails: [String] = [], branch: UUID? = nil) -> CustomerProfile {
        var profile = CustomerProfile()
        profile.name = "王小明"
        profile.phones = phones
        profile.emails = emails
        profile.branchID = branch
        return profile
    }

    @Test func aBranchMustExist() {
        #expect(CustomerConflict.branch(of: profile(branch: branch), exists: { _ in true }) == nil)
        #expect(CustomerConflict.branch(of: profile(), exists: { _ in false }) == nil)
        let conflict = CustomerConflict.branch(of: profile(branch: branch), exists: { _ in false })
        #expect(conflict == .unknownBranch(branch))
        #expect(
            conflict?.domainError
                == .invalid([
                    FieldError(
                        field: "branch_id", code: "unknown_branch",
                        message: "No such branch.")
                ]))
    }

    @Test func anAccountManagerMustBeAnActiveStaffUser() {
        var managed = profile()
        managed.accountManagerID = other
        #expect(CustomerConflict.accountManager(of: managed, isActive: { _ in true }) == nil)
        #expect(CustomerConflict.accountManager(of: profile(), isActive: { _ in false }) == nil)
        let conflict = CustomerConflict.accountManager(of: managed, isActive: { _ in false })
        #expect(conflict == .unknownUser(other))
        #expect(
            conflict?.domainError
                == .invalid([
                    FieldError(field: "account_manager_id", code: "unknown_user", message: "No such active staff user.")
                ]))
    }

    @Test func aPhoneOrEmailMayBelongToOneCustomerOnly() {
        let owners = ["+8613800138000": other, "me@example.test": me]
        let taken = profile(phones: ["+8613900139000", "+8613800138000"], emails: ["me@example.test"])
        let conflict = CustomerConflict.identities(of: taken, for: me, owner: { owners[$0] })
        #expect(conflict == .identityTaken(value: "+8613800138000", field: "phones", owner: other))
        #expect(
            conflict?.domainError
                == .conflict(
                    message: "+8613800138000 already belongs to customer \(other.uuidString).",
                    field: "phones", conflictingID: other))
        #expect(
            CustomerConflict.identities(of: profile(emails: ["me@example.test"]), for: me, owner: { owners[$0] })
                == nil,
            "its own identities are no conflict")
        #expect(
            CustomerConflict.identities(of: profile(emails: ["me@example.test"]), for: nil, owner: { owners[$0] })
                == .identityTaken(value: "me@example.test", field: "emails", owner: me), "a new customer owns nothing")
    }
}
