extension CustomerCSV {
    /// The column every file must have.
    static let nameColumn = CustomerProfile.fields.first { $0.kind == .name }!.column

    static let fieldsByColumn = Dictionary(uniqueKeysWithValues: CustomerProfile.fields.map { ($0.column, $0) })

    /// Export's header: every field's column, then one `custom.<key>` per defined custom field.
    public static func header(customFields: [CustomFieldDefinition]) -> [String] {
        CustomerProfile.fields.map(\.column) + customFields.map { customPrefix + $0.key }
    }

    /// One customer's cells, in `header(customFields:)` order, written so that import reads back
    /// the same profile: lists joined by `;`, flags as `true`/`false`, enums as their raw values,
    /// whole numbers without `.0`. Custom values with no definition are left out, as import would refuse them.
    /// Cells a spreadsheet would run as a formula are protected (`CSV.protectFormula`); import undoes it.
    public static func row(
        for profile: CustomerProfile, branchName: String?, accountManagerEmail: String? = nil,
        customFields: [CustomFieldDefinition]
    ) -> [String] {
        var cells: [String] = []
        cells.reserveCapacity(CustomerProfile.fields.count + customFields.count)
        for field in CustomerProfile.fields {
            let cell =
                switch field.value(in: profile) {
                case _ where field.kind == .branch: branchName ?? ""
                case _ where field.kind == .staffUser: accountManagerEmail ?? ""
                case .text(let text): text ?? ""
                case .list(let items): items.joined(separator: listSeparator)
                case .flag(let flag): String(flag)
                }
            cells.append(CSV.protectFormula(cell))
        }
        for definition in customFields {
            cells.append(CSV.protectFormula(profile.customFields[definition.key]?.text ?? ""))
        }
        return cells
    }
}
