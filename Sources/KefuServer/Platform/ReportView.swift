import Foundation
import KefuCore
import Mustache

/// A report on a page (the `report` partial): its chart as SVG, its table and a CSV link, read as
/// `ReportText` says, so the chart and the table take their words and figures from the same cells.
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
    var note: String?

    struct Row {
        var cells: [Cell]
    }

    struct Cell {
        var label: String
        var text: String
        var numeric: Bool
    }

    /// `note` says what the table leaves out (a long list cut short).
    init(_ report: Report, title: String, text: ReportText, csvURL: String, note: String? = nil) {
        name = report.name
        self.title = title
        headings = report.columns.map { column in
            Cell(label: text.ui.t(column.labelKey), text: text.ui.t(column.labelKey), numeric: column.isNumeric)
        }
        rows = report.rows.map { row in
            Row(
                cells: zip(row.indices, report.columns).map { index, column in
                    Cell(
                        label: text.ui.t(column.labelKey), text: text.cell(report, row, index),
                        numeric: column.isNumeric)
                })
        }
        empty = report.rows.isEmpty
        self.csvURL = csvURL
        self.note = note
        svg = report.rows.isEmpty ? nil : text.chart(report, title: title)
    }
}

extension ReportColumn {
    /// Figures align right in a table; words and instants do not.
    fileprivate var isNumeric: Bool { kind != .text && kind != .time }
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
        case "note": note
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
