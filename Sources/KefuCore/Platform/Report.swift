import Foundation

/// A report (DESIGN.md "Reports"): rows under a definition of their columns, and how to chart them.
/// One value feeds every rendering — the HTML table, the SVG chart, the JSON response and the CSV
/// download — so they cannot disagree.
public struct Report: Sendable, Equatable {
    /// Stable name, as in URLs and file names (`tickets-by-status`).
    public var name: String
    public var columns: [ReportColumn]
    /// One cell per column, in column order.
    public var rows: [[ReportValue]]
    /// How the page charts it; nil for a report that is only a table.
    public var chart: ReportChart?

    public init(name: String, columns: [ReportColumn], rows: [[ReportValue]], chart: ReportChart? = nil) {
        self.name = name
        self.columns = columns
        self.rows = rows
        self.chart = chart
    }

    /// The column named `key` and its position.
    public func column(_ key: String) -> (index: Int, column: ReportColumn)? {
        columns.firstIndex { $0.key == key }.map { ($0, columns[$0]) }
    }
}

/// One column: its stable key (JSON and CSV), the UI string key of its heading, and what its cells hold.
public struct ReportColumn: Sendable, Equatable {
    /// What a column's cells hold, which decides how they are written and shown.
    public enum Kind: String, Sendable, Equatable {
        /// Words; `valuePrefix` names codes that are shown translated.
        case text
        /// A whole number of things.
        case count
        /// Whole seconds; shown as `H:MM:SS`.
        case duration
        /// Whole minutes (business minutes where an SLA counts them); shown as `H:MM`.
        case minutes
        /// An instant as RFC 3339 UTC text; a page shows it in the business's time zone.
        case time
        /// A percentage (0–100) to one decimal.
        case percent
        /// Minor units (cents, 分); shown with two decimals.
        case money
        /// A mean or an index to two decimals at most (a CES mean, a SERVQUAL gap, an NPS), which may be negative.
        case score
    }

    public var key: String
    public var labelKey: String
    public var kind: Kind
    /// For a text column of codes (`pending_customer`): the UI string prefix that names each code.
    /// Nil for text shown as it is (a cause's name).
    public var valuePrefix: String?
    /// The column holding this text in English (a cause's `name_en`), which an English page shows
    /// instead where it is not empty.
    public var englishColumn: String?

    public init(
        _ key: String, labelKey: String, kind: Kind, valuePrefix: String? = nil, englishColumn: String? = nil
    ) {
        self.key = key
        self.labelKey = labelKey
        self.kind = kind
        self.valuePrefix = valuePrefix
        self.englishColumn = englishColumn
    }

    /// A column headed by its `report.column.<key>` string, as the reports name their headings.
    public static func named(
        _ key: String, _ kind: Kind, valuePrefix: String? = nil, englishColumn: String? = nil
    ) -> ReportColumn {
        ReportColumn(
            key, labelKey: "report.column." + key, kind: kind, valuePrefix: valuePrefix, englishColumn: englishColumn)
    }

    /// The cell as a person reads it, in any language: codes are translated by the caller.
    public func display(_ value: ReportValue) -> String {
        switch (kind, value) {
        case (_, .empty): "—"
        case (.duration, .integer(let seconds)): Self.clock(seconds)
        case (.minutes, .integer(let minutes)): String(Self.clock(minutes * 60).dropLast(3))
        case (.percent, _): value.plainText + "%"
        case (.money, .integer(let minor)): Self.money(minor)
        case (.score, _): value.number.map { String(format: "%.2f", $0) } ?? value.plainText
        default: value.plainText
        }
    }

    /// `H:MM:SS`, hours unbounded (a 3-day resolution reads `72:00:00`).
    static func clock(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : ""
        let total = abs(seconds)
        return sign + String(total / 3600) + ":" + twoDigits(total / 60 % 60) + ":" + twoDigits(total % 60)
    }

    static func money(_ minor: Int) -> String {
        (minor < 0 ? "-" : "") + String(abs(minor) / 100) + "." + twoDigits(abs(minor) % 100)
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }
}

/// One cell. Counts, durations and money are whole numbers; percentages have one decimal.
public enum ReportValue: Sendable, Equatable {
    case text(String)
    case integer(Int)
    case decimal(Double)
    case empty

    /// A percentage of `part` in `whole`, to one decimal; empty when there is no whole.
    public static func percent(_ part: Int, of whole: Int) -> ReportValue {
        whole == 0 ? .empty : .decimal((Double(part) * 1000 / Double(whole)).rounded() / 10)
    }

    /// A mean or an index rounded to two decimals (half away from zero); empty when there is none.
    public static func score(_ value: Double?) -> ReportValue {
        guard let value, value.isFinite else { return .empty }
        return .decimal((value * 100).rounded() / 100)
    }

    /// A figure rounded to a whole number: an integer cell while it fits one exactly, a decimal cell
    /// beyond that, and empty when it is not a number at all (a factor that overflowed).
    public static func whole(_ value: Double) -> ReportValue {
        guard value.isFinite else { return .empty }
        let rounded = value.rounded()
        return abs(rounded) < exactIntegerBound ? .integer(Int(rounded)) : .decimal(rounded)
    }

    /// Doubles hold every whole number below 2⁵³ exactly; beyond it `Int(_:)` may trap or mislead.
    private static let exactIntegerBound = 9_007_199_254_740_992.0

    /// The cell as plain text, as the CSV writes it: `12`, `45.5`, `100`, or nothing when empty.
    public var plainText: String {
        switch self {
        case .text(let text): text
        case .integer(let value): String(value)
        case .decimal(let value) where !value.isFinite: ""
        case .decimal(let value):
            value == value.rounded() && abs(value) < Self.exactIntegerBound ? String(Int(value)) : String(value)
        case .empty: ""
        }
    }

    /// The number in the cell, for charts; nil for text and empty cells.
    public var number: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .decimal(let value): value
        case .text, .empty: nil
        }
    }
}

/// Which chart draws a report: the column that labels the categories and the numeric columns drawn.
public struct ReportChart: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// Bars per category, one colour per value column.
        case bar
        /// A line per value column over ordered categories (days).
        case line
        /// Bars in falling order of the first value column, with its cumulative percentage as a line.
        case pareto
        /// A band per category from the first value column to the second on `scale`, the third marked across
        /// it: the zone of tolerance and the perceived level.
        case band
    }

    public var kind: Kind
    public var labelColumn: String
    public var valueColumns: [String]
    /// The fixed scale of a band chart (a questionnaire's 1–9); nil for the other kinds, scaled to their values.
    public var scale: ClosedRange<Double>?

    public init(_ kind: Kind, labelColumn: String, valueColumns: [String], scale: ClosedRange<Double>? = nil) {
        self.kind = kind
        self.labelColumn = labelColumn
        self.valueColumns = valueColumns
        self.scale = scale
    }
}
