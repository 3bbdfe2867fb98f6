/// A small CSV reader for the `kefu calc` inputs: quoted fields with doubled quotes, CRLF or LF, a UTF-8
/// byte-order mark, blank lines skipped. Rows keep the line they start on, so every error names it.
public struct CalcCSV: Sendable {
    /// One record and the 1-based line of the file it starts on (the header is line 1).
    public struct Row: Sendable, Hashable {
        public let line: Int
        public let fields: [String]
    }

    public let header: [String]
    public let rows: [Row]
    let headerLine: Int

    /// Parses `text`; the first non-blank record is the header. Every row must have the header's width.
    public init(parsing text: String) throws(CalcInputError) {
        var records = try CalcCSV.records(text)
        guard !records.isEmpty else { throw CalcInputError(line: nil, "the file is empty (a header row is needed)") }
        let head = records.removeFirst()
        header = head.fields.map { $0.calcTrimmed() }
        headerLine = head.line
        for row in records where row.fields.count != header.count {
            throw CalcInputError(line: row.line, "expected \(header.count) fields, found \(row.fields.count)")
        }
        rows = records
    }

    /// The position of each required column by name; optional columns map to nil when absent.
    public func columns(required: [String], optional: [String] = []) throws(CalcInputError) -> [String: Int] {
        var positions: [String: Int] = [:]
        for name in required + optional {
            if let index = header.firstIndex(of: name) {
                positions[name] = index
            } else if required.contains(name) {
                throw CalcInputError(
                    line: headerLine,
                    "missing column \"\(name)\" (the header must include \(required.joined(separator: ",")))")
            }
        }
        return positions
    }

    /// Refuses a header name outside `allowed`, or one given twice, so a typo (`e23`, `w_empathie`) is
    /// an error instead of a column quietly ignored.
    public func refuseUnknownColumns(allowed: Set<String>) throws(CalcInputError) {
        var seen: Set<String> = []
        for name in header {
            guard allowed.contains(name) else { throw CalcInputError(line: headerLine, "unknown column \"\(name)\"") }
            guard seen.insert(name).inserted else {
                throw CalcInputError(line: headerLine, "column \"\(name)\" appears twice")
            }
        }
    }

    private static func records(_ text: String) throws(CalcInputError) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var fieldWasQuoted = false
        var bytes = Array(text.utf8)[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        func endRecord() {
            endField()
            // A record of one empty unquoted field is a blank line.
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append(Row(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }

        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                endField()
            case UInt8(ascii: "\r"):
                if index < bytes.endIndex, bytes[index] == UInt8(ascii: "\n") { index += 1 }
                endRecord()
                line += 1
                recordLine = line
            case UInt8(ascii: "\n"):
                endRecord()
                line += 1
                recordLine = line
            case UInt8(ascii: "\""):
                guard field.isEmpty, !fieldWasQuoted else {
                    throw CalcInputError(line: line, "a quote inside an unquoted field (quote the whole field)")
                }
                inQuotes = true
                fieldWasQuoted = true
            default:
                if fieldWasQuoted {
                    throw CalcInputError(line: line, "text after a closing quote (expected a comma or a line end)")
                }
                field.append(byte)
            }
        }
        if inQuotes { throw CalcInputError(line: recordLine, "a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        return rows
    }
}

/// A calc input that cannot be used, with the line of the file it is on (nil when it is about the whole
/// file), so the CLI prints one line a person can act on.
public struct CalcInputError: Error, Equatable, Sendable, CustomStringConvertible {
    public let line: Int?
    public let message: String

    public init(line: Int?, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "row \(line): \(message)" }
        return message
    }
}

extension String {
    func calcTrimmed() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
