extension CSV {
    /// Spreadsheets (Excel, WPS, LibreOffice) run a cell that starts with `=`, `+`, `-`, `@`, a tab
    /// or a carriage return as a formula, so a customer named `=HYPERLINK(…)` would become a live
    /// link in whoever opens an export. Exports put a `'` before such a cell (OWASP's rule; the
    /// spreadsheet shows the text without it) and imports take exactly that `'` off again.
    ///
    /// To keep export → import exact, a value that already starts with apostrophes followed by a
    /// trigger (`'=x`) gets one more, so `unprotectFormula(protectFormula(v)) == v` for every `v`.
    public static func protectFormula(_ value: String) -> String {
        startsWithFormula(value.utf8[...]) ? "'" + value : value
    }

    /// The cell as it was before `protectFormula`: one leading `'` removed where that added it.
    public static func unprotectFormula(_ cell: String) -> String {
        let bytes = cell.utf8
        guard bytes.first == apostrophe, startsWithFormula(bytes.dropFirst()) else { return cell }
        return String(cell.dropFirst())
    }

    private static let apostrophe = UInt8(ascii: "'")
    private static let triggers: [UInt8] = [
        UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"),
        0x09, 0x0D,
    ]

    /// True when `bytes` is zero or more apostrophes followed by a formula trigger.
    private static func startsWithFormula(_ bytes: Substring.UTF8View) -> Bool {
        guard let first = bytes.first(where: { $0 != apostrophe }) else { return false }
        return triggers.contains(first)
    }
}
