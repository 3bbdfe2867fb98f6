import Foundation
import KefuCore

/// How a report reads in one language: its cells as people read them and its chart as SVG, for a page
/// (`ReportView`) and for `format=svg` alike. Codes are shown by their names in the language, a text with an
/// English twin by that twin on an English page, instants in the business's time zone, and numbers as
/// `ReportColumn.display` writes them; the chart takes its words and figures from the same cells.
struct ReportText {
    let ui: WebUI
    private let times: DateFormatter

    init(ui: WebUI, timeZone: String) {
        self.ui = ui
        times = ui.formatter(timeZone: timeZone)
    }

    /// Cell `index` of `row` in `report`.
    func cell(_ report: Report, _ row: [ReportValue], _ index: Int) -> String {
        let column = report.columns[index]
        if ui.language == .en, let twin = column.englishColumn.flatMap(report.column),
            case .text(let english) = row[twin.index], !english.isEmpty
        {
            return english
        }
        if let prefix = column.valuePrefix, case .text(let code) = row[index] { return ui.t(prefix + code) }
        if column.kind == .time, case .text(let text) = row[index], let date = RFC3339.date(text) {
            return times.string(from: date)
        }
        return column.display(row[index])
    }

    /// The report's chart under `title`; nil for a report without one. A line leaves a gap where a cell is
    /// empty, and a chart of percentages only is scaled 0–100 %.
    func chart(_ report: Report, title: String) -> String? {
        guard let chart = report.chart, let label = report.column(chart.labelColumn) else { return nil }
        let categories = report.rows.map { cell(report, $0, label.index) }
        let columns = chart.valueColumns.compactMap(report.column)
        let missing = chart.kind == .line || chart.kind == .band ? Double.nan : 0
        let series = columns.map { found in
            SVGChart.Series(
                name: ui.t(found.column.labelKey), values: report.rows.map { $0[found.index].number ?? missing },
                labels: report.rows.map { cell(report, $0, found.index) })
        }
        switch chart.kind {
        case .bar: return SVGChart.bar(title: title, categories: categories, series: series)
        case .line:
            return SVGChart.line(
                title: title, categories: categories, series: series,
                percent: !columns.isEmpty && columns.allSatisfy { $0.column.kind == .percent })
        case .band:
            guard series.count == 3 else { return nil }
            let values = series.flatMap(\.values).filter(\.isFinite)
            return SVGChart.band(
                title: title, categories: categories, low: series[0], high: series[1], mark: series[2],
                scale: chart.scale ?? (values.min() ?? 0)...(values.max() ?? 1))
        case .pareto:
            guard let counts = series.first else { return nil }
            return SVGChart.pareto(
                title: title, categories: categories, counts: counts,
                cumulativeName: ui.t("report.column.cumulative_share"))
        }
    }
}
