import Foundation
import Hummingbird
import KefuCore

/// A report over the API, as JSON, CSV (`format=csv`, or `Accept: text/csv`) or its chart as SVG
/// (`format=svg`, in the request's language; a report without a chart is a 400 naming `format`).
///
/// JSON: `{"report": name, "filter": {"from", "to", "branch_id", "team_id", "time_zone"},
/// "columns": [{"key", "kind"}], "rows": [{column key: value}]}`; a value is a string (text), a
/// number (counts, whole seconds for durations, minor units for money, 0–100 for percentages) or
/// null. CSV: the same rows under a header of the column keys, as a download named after the
/// report and period.
struct ReportDTO: ResponseGenerator {
    var report: Report
    var filter: ReportFilter
    var timeZone: String
    var format: Format
    /// The words of the SVG chart, and its title.
    var text: ReportText
    var title: String

    enum Format: String {
        case json, csv, svg

        /// `format` when given (anything else is a 400), else CSV when the client accepts it and not JSON.
        init(_ request: Request) throws {
            if let text = request.query("format")?.nilIfBlank {
                guard let format = Format(rawValue: text.lowercased()) else {
                    throw Problem.badRequest("format must be json, csv or svg.", field: "format")
                }
                self = format
                return
            }
            let accept = request.headers[.accept]?.lowercased() ?? ""
            self = accept.contains("text/csv") && !accept.contains("application/json") ? .csv : .json
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        switch format {
        case .json:
            return try JSONBody(dto: self).response(from: request, context: context)
        case .csv:
            let file = "\(report.name)_\(filter.from)_\(filter.to).csv"
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(file)\"",
                ],
                body: .init(byteBuffer: ByteBuffer(string: report.csv)))
        case .svg:
            guard let svg = text.chart(report, title: title) else {
                throw Problem.badRequest("This report has no chart; ask for json or csv.", field: "format")
            }
            return Response(
                status: .ok, headers: [.contentType: "image/svg+xml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: svg)))
        }
    }

    private struct JSONBody: ResponseEncodable {
        let dto: ReportDTO

        enum Keys: String, CodingKey {
            case report, filter, columns, rows, from, to, key, kind
            case branchID = "branch_id"
            case teamID = "team_id"
            case timeZone = "time_zone"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(dto.report.name, forKey: .report)
            var filter = c.nestedContainer(keyedBy: Keys.self, forKey: .filter)
            try filter.encode(dto.filter.from.description, forKey: .from)
            try filter.encode(dto.filter.to.description, forKey: .to)
            try filter.encode(dto.filter.branchID, forKey: .branchID)
            try filter.encode(dto.filter.teamID, forKey: .teamID)
            try filter.encode(dto.timeZone, forKey: .timeZone)
            var columns = c.nestedUnkeyedContainer(forKey: .columns)
            for column in dto.report.columns {
                var entry = columns.nestedContainer(keyedBy: Keys.self)
                try entry.encode(column.key, forKey: .key)
                try entry.encode(column.kind.rawValue, forKey: .kind)
            }
            var rows = c.nestedUnkeyedContainer(forKey: .rows)
            for row in dto.report.rows {
                var cells = rows.nestedContainer(keyedBy: AnyCodingKey.self)
                for (column, value) in zip(dto.report.columns, row) {
                    let key = AnyCodingKey(column.key)
                    switch value {
                    case .text(let text): try cells.encode(text, forKey: key)
                    case .integer(let number): try cells.encode(number, forKey: key)
                    case .decimal(let number): try cells.encode(number, forKey: key)
                    case .empty: try cells.encodeNil(forKey: key)
                    }
                }
            }
        }
    }
}
