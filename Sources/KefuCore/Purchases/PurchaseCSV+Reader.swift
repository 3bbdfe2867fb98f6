public import Foundation

extension PurchaseCSV {
    /// Reads a file a batch at a time: the header at once (throwing `CSV.HeaderFailure` when it cannot be
    /// used), then rows, which it groups into purchases as they come. A purchase is handed out once its last
    /// row has been read, so a batch holds only whole purchases.
    public struct Reader: Sendable {
        private var csv: CSV.SourceReader
        private let positions: [Column: Int]
        private let width: Int
        private let context: Context
        private var open: [Cells] = []
        private var finished = false

        /// Reads `source` piece by piece, in any encoding `TextDecoding` accepts; throws `CSV.HeaderFailure`
        /// or what the source throws (`TextDecoding.Failure`).
        public init(source: some ByteSource, context: Context) throws {
            try self.init(CSV.SourceReader(source: TextDecoding.UTF8Stream(source)), context: context)
        }

        private init(_ reader: CSV.SourceReader, context: Context) throws {
            csv = reader
            self.context = context
            let header: CSV.Record?
            do {
                header = try csv.next()
            } catch let error as CSV.ParseError {
                throw CSV.HeaderFailure(errors: [CSV.RowError(row: error.line, column: "", reason: error.description)])
            }
            guard let header else {
                throw CSV.HeaderFailure(errors: [
                    CSV.RowError(
                        row: 1, column: "",
                        reason: "The file is empty; it needs a header row naming the columns "
                            + "(customer_phone, purchased_at, total, …).")
                ])
            }
            positions = try Self.positions(header.fields)
            width = header.fields.count
        }

        /// Share of the file read so far (0...1), for a progress line.
        public var fractionRead: Double { csv.fractionRead }

        /// The purchases completed by the next `records` rows (or fewer at the end), or nil when the file is done.
        public mutating func next(records limit: Int) throws -> Batch? {
            guard !finished else { return nil }
            var batch = Batch()
            while batch.records < limit {
                let record: CSV.Record?
                do {
                    record = try csv.next()
                } catch let error as CSV.ParseError {
                    close(into: &batch)
                    let column = positions.first { $0.value == error.field }?.key.rawValue ?? ""
                    batch.rejected.append(CSV.RowError(row: error.line, column: column, reason: error.description))
                    finished = true
                    return batch
                }
                guard let record else {
                    close(into: &batch)
                    finished = true
                    return batch.records == 0 && batch.rejected.isEmpty && batch.entries.isEmpty ? nil : batch
                }
                batch.records += 1
                add(record, into: &batch)
            }
            return batch
        }

        /// Header positions by column; unknown, repeated or missing columns are errors on row 1.
        private static func positions(_ header: [String]) throws(CSV.HeaderFailure) -> [Column: Int] {
            var positions: [Column: Int] = [:]
            var unknown: [String] = []
            var errors: [CSV.RowError] = []
            for (index, cell) in header.enumerated() {
                let name = cell.trimmingWhitespace().lowercased().replacingOccurrences(of: "\u{FEFF}", with: "")
                if name.isEmpty { continue }
                guard let column = Column(rawValue: name) else {
                    unknown.append(cell.trimmingWhitespace())
                    continue
                }
                if positions[column] != nil {
                    errors.append(
                        CSV.RowError(row: 1, column: name, reason: "Column \"\(name)\" appears more than once."))
                }
                positions[column] = positions[column] ?? index
            }
            if !unknown.isEmpty {
                errors.insert(
                    CSV.RowError(
                        row: 1, column: unknown.joined(separator: ", "),
                        reason:
                            "Unknown columns: \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")). Known columns are "
                            + Column.allCases.map(\.rawValue).joined(separator: ", ") + "."),
                    at: 0)
            }
            if !Column.customer.contains(where: { positions[$0] != nil }) {
                errors.append(
                    CSV.RowError(
                        row: 1, column: Column.customerPhone.rawValue,
                        reason: "The header names no customer column; it needs customer_id, customer_phone, "
                            + "customer_email or customer_external_id."))
            }
            for required in [Column.purchasedAt, .total] where positions[required] == nil {
                errors.append(
                    CSV.RowError(
                        row: 1, column: required.rawValue,
                        reason: "The header has no \"\(required.rawValue)\" column; it is required."))
            }
            guard errors.isEmpty else { throw CSV.HeaderFailure(errors: errors) }
            return positions
        }

        /// Adds a record to the open purchase, or closes that one and opens the record's own.
        private mutating func add(_ record: CSV.Record, into batch: inout Batch) {
            if record.fields.allSatisfy(\.isBlank) { return }
            guard record.fields.count == width else {
                close(into: &batch)
                batch.rejected.append(
                    CSV.RowError(
                        row: record.line, column: "",
                        reason: "The row has \(record.fields.count) cells but the header has \(width) columns."))
                return
            }
            let cells = Cells(record, positions: positions)
            if let first = open.first, first.key == nil || first.key != cells.key { close(into: &batch) }
            open.append(cells)
        }

        /// Hands out the open purchase: valid, or its errors.
        private mutating func close(into batch: inout Batch) {
            guard !open.isEmpty else { return }
            defer { open.removeAll(keepingCapacity: true) }
            switch Assembly(open, context: context).entry() {
            case .success(let entry): batch.entries.append(entry)
            case .failure(let failure): batch.rejected += failure.errors
            }
        }
    }

    /// One row's cells by column, trimmed, blank ones nil.
    struct Cells {
        let line: Int
        private let values: [Column: String]

        init(_ record: CSV.Record, positions: [Column: Int]) {
            line = record.line
            var values: [Column: String] = [:]
            for (column, index) in positions {
                let text = record.fields[index].trimmingWhitespace()
                if !text.isEmpty { values[column] = text }
            }
            self.values = values
        }

        subscript(_ column: Column) -> String? { values[column] }

        /// `source` + `external_ref` when both are given: rows in a run with one key are one purchase's lines.
        var key: [String]? {
            guard let source = values[.source], let reference = values[.externalRef] else { return nil }
            return [source, reference]
        }

        var hasItem: Bool { Column.item.contains { values[$0] != nil } }
    }
}
