/// How two customer profiles combine when a duplicate is merged into a survivor: the survivor's
/// values win, its empty fields are filled from the duplicate, and lists are united.
public enum CustomerMerge {
    public static func combine(survivor: CustomerProfile, duplicate: CustomerProfile) -> CustomerProfile {
        var out = survivor
        out.phones = union(survivor.phones, duplicate.phones)
        out.emails = union(survivor.emails, duplicate.emails)
        out.tags = CustomerProfile.cleanTags(survivor.tags + duplicate.tags)
        out.address = survivor.address ?? duplicate.address
        out.birthday = survivor.birthday ?? duplicate.birthday
        if survivor.gender == .unspecified { out.gender = duplicate.gender }
        out.branchID = survivor.branchID ?? duplicate.branchID
        out.personality = survivor.personality ?? duplicate.personality
        out.sourceChannel = survivor.sourceChannel ?? duplicate.sourceChannel
        out.department = survivor.department ?? duplicate.department
        out.organization = survivor.organization ?? duplicate.organization
        out.remarks = [survivor.remarks, duplicate.remarks].compactMap { $0 }.joined(separator: "\n").nilIfEmpty
        out.consent = Consent(
            phone: survivor.consent.phone || duplicate.consent.phone,
            sms: survivor.consent.sms || duplicate.consent.sms,
            email: survivor.consent.email || duplicate.consent.email,
            wechat: survivor.consent.wechat || duplicate.consent.wechat)
        out.customFields = survivor.customFields.merging(duplicate.customFields) { kept, _ in kept }
        return out
    }

    private static func union(_ first: [String], _ second: [String]) -> [String] {
        first + second.filter { !first.contains($0) }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
