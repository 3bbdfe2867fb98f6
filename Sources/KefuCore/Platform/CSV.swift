/// RFC 4180 comma-separated values, read and written on UTF-8 bytes.
///
/// Imports run on files of a million rows, so the reader walks bytes rather than `Character`s and
/// hands out one record at a time; it remembers the line each record starts on, because that line
/// number is what a user sees in an error report, even when a quoted cell spans several lines.
/// The writer quotes only where the format requires it and changes nothing else, so writing and
/// reading back gives the exact same cells.
public enum CSV {
    /// One record: its cells and the 1-based line of the file it starts on (the header is line 1).
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    /// The file ends inside a quoted cell: everything after the opening quote was swallowed,
    /// so the reader names where that cell began.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// Line on which the unterminated quoted cell starts.
        public var line: Int
        /// 0-based position of that cell in its record.
        public var field: Int

        public init(line: Int, field: Int) {
            self.line = line
            self.field = field
        }

        public var description: String {
            "A quoted cell starting on line \(line) has no closing quote."
        }
    }

    /// Reads records one by one from UTF-8 bytes (a leading byte-order mark is skipped), given all
    /// at once or piece by piece (`append`, `finish`), so a large file never has to be in memory.
    ///
    /// Line breaks are LF, CRLF or a lone CR. Outside the RFC, the reader is lenient the way
    /// spreadsheets are: a quote inside an unquoted cell is kept as text, and text after a closing
    /// quote is appended to the cell. An empty line comes back as a record with one empty cell.
    public struct Reader: Sendable {
        /// The input not yet read (pieces appended later go at its end).
        private var bytes: [UInt8]
        private var position: Int
        /// Bytes read and dropped before `bytes`.
        private var dropped = 0
        private var line = 1
        private var expectedFields = 8
        private var scratch: [UInt8] = []
        /// False while more input may be appended.
        public private(set) var inputEnded: Bool

        public init(utf8 bytes: [UInt8]) {
            self.bytes = bytes
            position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            inputEnded = true
        }

        public init(text: String) {
            self.init(utf8: Array(text.utf8))
        }

        /// A reader for input that arrives in pieces, in UTF-8 without a byte-order mark.
        public init() {
            bytes = []
            position = 0
            inputEnded = false
        }

        /// Adds the next piece of input, dropping what has been read.
        public mutating func append(_ piece: [UInt8]) {
            bytes.removeSubrange(..<position)
            dropped += position
            position = 0
            bytes += piece
        }

        /// Marks the end of the input: the last record may now end without a line break.
        public mutating func finish() {
            inputEnded = true
        }

        /// Bytes read so far and in total, for progress reporting.
        public var bytesRead: Int { dropped + position }
        public var totalBytes: Int { dropped + bytes.count }

        /// The next record, or nil at the end of the input, or — until `finish()` — when the next
        /// record may go on in a piece not appended yet.
        public mutating func next() throws(ParseError) -> Record? {
            guard position < bytes.count else { return nil }
            // Work on locals so the byte buffer can be borrowed while the state changes.
            var state = Cursor(position: position, line: line)
            var fields: [String] = []
            fields.reserveCapacity(expectedFields)
            // Moved out, not copied, so appending to it does not copy the buffer.
            var scratch = self.scratch
            self.scratch = []
            let outcome: ParseError? = bytes.withUnsafeBufferPointer { buffer in
                do throws(ParseError) {
                    try Self.readRecord(buffer, &state, &fields, &scratch)
                    return nil
                } catch {
                    return error
                }
            }
            let record = Record(line: line, fields: fields)
            self.scratch = scratch
            // A record is only whole when input follows it: a cell, a quote or a CRLF may go on.
            if !inputEnded, outcome != nil || state.position >= bytes.count { return nil }
            position = state.position
            line = state.line
            if let outcome {
                position = bytes.count
                throw outcome
            }
            expectedFields = fields.count
            return record
        }

        private struct Cursor {
            var position: Int
            var line: Int
        }

        private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","),
            cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

        private static func readRecord(
            _ buffer: UnsafeBufferPointer<UInt8>, _ cursor: inout Cursor,
            _ fields: inout [String], _ scratch: inout [UInt8]
        ) throws(ParseError) {
            let end = buffer.count
            var p = cursor.position
            while true {
                if p < end, buffer[p] == quote {
                    fields.append(try readQuoted(buffer, &p, &cursor.line, fieldIndex: fields.count, &scratch))
                } else {
                    let start = p
                    while p < end {
                        let byte = buffer[p]
                        if byte == comma || byte == lf || byte == cr { break }
                        p += 1
                    }
                    fields.append(string(buffer, start, p))
                }
                if p >= end { break }
                let byte = buffer[p]
                p += 1
                if byte == comma { continue }
                if byte == cr, p < end, buffer[p] == lf { p += 1 }
                cursor.line += 1
                break
            }
            cursor.position = p
        }

        /// Reads a quoted cell starting at the opening quote; leaves `p` on the byte after the cell.
        private static func readQuoted(
            _ buffer: UnsafeBufferPointer<UInt8>, _ p: inout Int, _ line: inout Int,
            fieldIndex: Int, _ scratch: inout [UInt8]
        ) throws(ParseError) -> String {
            let end = buffer.count
            let startLine = line
            p += 1
            var segment = p
            var escaped = false
            scratch.removeAll(keepingCapacity: true)
            while true {
                guard p < end else { throw ParseError(line: startLine, field: fieldIndex) }
                let byte = buffer[p]
                if byte == quote {
                    if p + 1 < end, buffer[p + 1] == quote {
                        // Keep one of the two quotes and continue after them.
                        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[segment...p]))
                        escaped = true
                        p += 2
                        segment = p
                        continue
                    }
                    break
                }
                if byte == lf || (byte == cr && (p + 1 == end || buffer[p + 1] != lf)) { line += 1 }
                p += 1
            }
            let closing = p
            p += 1
            // Spreadsheet leniency: `"ab"c` reads as `abc` rather than failing the whole file.
            let trailingStart = p
            while p < end, buffer[p] != comma, buffer[p] != lf, buffer[p] != cr { p += 1 }
            if !escaped && trailingStart == p { return string(buffer, segment, closing) }
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[segment..<closing]))
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[trailingStart..<p]))
            return String(decoding: scratch, as: UTF8.self)
        }

        @inline(__always)
        private static func string(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
            start == end ? "" : String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
        }
    }

    /// Every record of `text`; prefer `Reader` for large inputs.
    public static func records(in text: String) throws(ParseError) -> [Record] {
        var reader = Reader(text: text)
        var records: [Record] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    /// Appends records as CSV text, quoting a cell only when it holds a comma, a quote or a line break.
    public struct Writer: Sendable {
        /// RFC 4180 ends lines with CRLF; Excel and every CSV reader accept it.
        public var lineEnding: String
        /// The text written so far; a caller streaming to a file takes it and calls `removeAll()`.
        public private(set) var output = ""

        public init(lineEnding: String = "\r\n") {
            self.lineEnding = lineEnding
        }

        public mutating func write(_ fields: some Sequence<String>) {
            var first = true
            for field in fields {
                if !first { output.append(",") }
                first = false
                CSV.appendField(field, to: &output)
            }
            output.append(lineEnding)
        }

        public mutating func removeAll() {
            output.removeAll(keepingCapacity: true)
        }
    }

    /// True when `field` must be quoted to survive a round trip.
    public static func needsQuotes(_ field: String) -> Bool {
        field.utf8.contains { $0 == quoteByte || $0 == commaByte || $0 == 0x0A || $0 == 0x0D }
    }

    /// One record as a line of CSV, including the line ending.
    public static func line(_ fields: some Sequence<String>, lineEnding: String = "\r\n") -> String {
        var writer = Writer(lineEnding: lineEnding)
        writer.write(fields)
        return writer.output
    }

    private static let quoteByte = UInt8(ascii: "\""), commaByte = UInt8(ascii: ",")

    private static func appendField(_ field: String, to output: inout String) {
        guard needsQuotes(field) else {
            output.append(field)
            return
        }
        output.append("\"")
        output.append(field.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\""))
        output.append("\"")
    }
}
