extension Report {
    /// The report as CSV: a header of column keys, then one line per row with the cells as the JSON
    /// gives them (seconds, minor units, percentages). Text cells — cause names come from users — are
    /// protected against spreadsheet formulas (`CSV.protectFormula`); numbers cannot start one.
    public var csv: String {
        var writer = CSV.Writer()
        writer.write(columns.map(\.key))
        for row in rows {
            writer.write(
                row.map { cell in
                    guard case .text(let text) = cell else { return cell.plainText }
                    return CSV.protectFormula(text)
                })
        }
        return writer.output
    }
}
