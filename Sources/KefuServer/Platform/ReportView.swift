import Foundation
import KefuCore
import Mustache

/// A report on a page (the `report` partial): its chart as SVG, its table and a CSV link. Codes are
/// shown in the page's language and values as people read them; the chart and the table take their
/// words and figures from the same cells.
struct ReportView {
    var name: String
    var title: String
    /// The chart, escaped by its writer (the template inserts it as it is); nil without a chart or rows.
    var svg: String?
    /// The column headings, as cells so numeric ones align with their figures.
    var headings: [Cell]
    var rows: [Row]
    var empty: Bool
    var csvURL: String

    struct Row {
        var cells: [Cell]
    }

    struct Cell {
        var label: String
        var text: String
        var numeric: Bool
    }

    init(_ report: Report, title: String, ui: WebUI, csvURL: String) {
        let text = CellText(report: report, ui: ui)
        name = report.name
        self.title = title
        headings = report.columns.map { column in
            Cell(label: ui.t(column.labelKey), text: ui.t(column.labelKey), numeric: column.kind != .text)
        }
        rows = report.rows.map { row in
            Row(
                cells: zip(row.indices, report.columns).map { index, column in
                    Cell(label: ui.t(column.labelKey), text: text(row, index), numeric: column.kind != .text)
                })
        }
        empty = report.rows.isEmpty
        self.csvURL = csvURL
        svg = report.rows.isEmpty ? nil : report.chart.flatMap { Self.chart($0, report, title: title, text, ui) }
    }

    private static func chart(
        _ chart: ReportChart, _ report: Report, title: String, _ text: CellText, _ ui: WebUI
    ) -> String? {
        guard let label = report.column(chart.labelColumn) else { return nil }
        let categories = report.rows.map { text($0, label.index) }
        let series = chart.valueColumns.compactMap { key in
            report.column(key).map { found in
                SVGChart.Series(
                    name: ui.t(found.column.labelKey), values: report.rows.map { $0[found.index].number ?? 0 },
                    labels: report.rows.map { text($0, found.index) })
            }
        }
        switch chart.kind {
        case .bar: return SVGChart.bar(title: title, categories: categories, series: series)
        case .line: return SVGChart.line(title: title, categories: categories, series: series)
        case .pareto:
            guard let counts = series.first else { return nil }
            return SVGChart.pareto(
                title: title, categories: categories, counts: counts,
                cumulativeName: ui.t("report.column.cumulative_share"))
        }
    }

    /// A cell as the page shows it: a code by its name in the page's language, a text with an English
    /// twin by that twin on an English page, a number as `ReportColumn.display` writes it.
    private struct CellText {
        let report: Report
        let ui: WebUI

        func callAsFunction(_ row: [ReportValue], _ index: Int) -> String {
            let column = report.columns[index]
            if ui.language == .en, let twin = column.englishColumn.flatMap(report.column),
                case .text(let english) = row[twin.index], !english.isEmpty
            {
                return english
            }
            if let prefix = column.valuePrefix, case .text(let code) = row[index] { return ui.t(prefix + code) }
            return column.display(row[index])
        }
    }
}

// Rendered through `MustacheParent`, not reflection (see `WebUI.Page`).
extension ReportView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "title": title
        case "svg": svg
        case "headings": headings
        case "rows": rows
        case "empty": empty
        case "csvURL": csvURL
        default: nil
        }
    }
}

extension ReportView.Row: MustacheParent {
    func child(named key: String) -> Any? { key == "cells" ? cells : nil }
}

extension ReportView.Cell: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "label": label
        case "text": text
        case "numeric": numeric
        default: nil
        }
    }
}
