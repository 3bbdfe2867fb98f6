extension CustomerCSV {
    /// Export's header: every standard column, then one `custom.<key>` per defined custom field.
    public static func header(customFields: [CustomFieldDefinition]) -> [String] {
        StandardColumn.allCases.map(\.rawValue) + customFields.map { customPrefix + $0.key }
    }

    /// One customer's cells, in `header(customFields:)` order, written so that import reads back
    /// the same profile: lists joined by `;`, flags as `true`/`false`, enums as their raw values,
    /// whole numbers without `.0`. Custom values with no definition are left out, as import would refuse them.
    /// Cells a spreadsheet would run as a formula are protected (`CSV.protectFormula`); import undoes it.
    public static func row(
        for profile: CustomerProfile, branchName: String?,
        customFields: [CustomFieldDefinition]
    ) -> [String] {
        var cells: [String] = []
        cells.reserveCapacity(StandardColumn.allCases.count + customFields.count)
        for column in StandardColumn.allCases {
            cells.append(CSV.protectFormula(cell(column, of: profile, branchName: branchName)))
        }
        for definition in customFields {
            cells.append(CSV.protectFormula(profile.customFields[definition.key]?.text ?? ""))
        }
        return cells
    }

    private static func cell(_ column: StandardColumn, of profile: CustomerProfile, branchName: String?) -> String {
        switch column {
        case .name: profile.name
        case .kind: profile.kind.rawValue
        case .phone: profile.phones.joined(separator: listSeparator)
        case .email: profile.emails.joined(separator: listSeparator)
        case .tier: profile.tier ?? ""
        case .tags: profile.tags.joined(separator: listSeparator)
        case .stage: profile.stage.rawValue
        case .personality: profile.personality?.rawValue ?? ""
        case .gender: profile.gender.rawValue
        case .birthday: profile.birthday ?? ""
        case .address: profile.address ?? ""
        case .organization: profile.organization ?? ""
        case .branch: branchName ?? ""
        case .sourceChannel: profile.sourceChannel ?? ""
        case .isInternal: String(profile.isInternal)
        case .department: profile.department ?? ""
        case .consentPhone: String(profile.consent.phone)
        case .consentSMS: String(profile.consent.sms)
        case .consentEmail: String(profile.consent.email)
        case .consentWeChat: String(profile.consent.wechat)
        case .remarks: profile.remarks ?? ""
        }
    }
}
