/// The customer CSV format shared by import and export (documented for users in README).
///
/// A header row names the columns, in any order and any letter case: `name` is required; the others
/// are the `column`s of `CustomerProfile.fields` plus `custom.<key>` for each custom field. Import turns each record into a
/// `CustomerProfile` validated under the business's `CustomerRules` and reports every problem as
/// row (line in the file), column and reason; export writes the same columns, so an export imports
/// back into the same profiles.
public enum CustomerCSV {
    /// Prefix of a custom field's column: `custom.car_model`.
    public static let customPrefix = "custom."

    /// Separator between several phones, emails or tags in one cell (the full-width `；` is read too).
    public static let listSeparator = ";"

    /// A valid record: the validated profile, and the branch name and account manager's email to resolve.
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var profile: CustomerProfile
        public var branchName: String?
        /// Normalised (lower-cased).
        public var accountManagerEmail: String?

        public init(line: Int, profile: CustomerProfile, branchName: String?, accountManagerEmail: String? = nil) {
            self.line = line
            self.profile = profile
            self.branchName = branchName
            self.accountManagerEmail = accountManagerEmail
        }
    }

    /// Valid rows and errors of a file or of one batch of it, each in file order.
    public struct Parsed: Sendable, Equatable {
        public var rows: [Row]
        public var errors: [CSV.RowError]

        public init(rows: [Row] = [], errors: [CSV.RowError] = []) {
            self.rows = rows
            self.errors = errors
        }
    }

    /// Parses customer CSV under one business's rules.
    public struct Reader: Sendable {
        public var rules: CustomerRules

        public init(rules: CustomerRules) {
            self.rules = rules
        }

        /// The whole file at once; header problems come back as errors on row 1 with no rows.
        public func parse(text: String) -> Parsed {
            parse(utf8: Array(text.utf8))
        }

        public func parse(utf8 bytes: [UInt8]) -> Parsed {
            do {
                var batches = try self.batches(utf8: bytes, size: .max)
                var parsed = Parsed()
                while let batch = try batches.next() {
                    parsed.rows += batch.rows
                    parsed.errors += batch.errors
                }
                return parsed
            } catch let error as CSV.HeaderFailure {
                return Parsed(errors: error.errors)
            } catch {
                preconditionFailure("Bytes in memory cannot fail to read: \(error)")
            }
        }

        /// Reads the header now and the records lazily, `size` records per batch, so a large file is
        /// validated and stored in bounded steps. Throws `CSV.HeaderFailure`.
        public func batches(utf8 bytes: [UInt8], size: Int = 10_000) throws -> Batches {
            try batches(CSV.SourceReader(utf8: bytes), size: size)
        }

        /// The same for a file read piece by piece; throws `CSV.HeaderFailure` or what `source` throws.
        public func batches(source: some ByteSource, size: Int = 10_000) throws -> Batches {
            try batches(CSV.SourceReader(source: TextDecoding.UTF8Stream(source)), size: size)
        }

        private func batches(_ records: CSV.SourceReader, size: Int) throws -> Batches {
            var csv = records
            let first: CSV.Record?
            do {
                first = try csv.next()
            } catch let error as CSV.ParseError {
                throw CSV.HeaderFailure(errors: [CSV.RowError(row: error.line, column: "", reason: error.description)])
            }
            guard let header = first else {
                throw CSV.HeaderFailure(errors: [
                    CSV.RowError(
                        row: 1, column: "",
                        reason: "The file is empty; it needs a header row naming the columns, at least \"name\".")
                ])
            }
            let layout = try Layout(header: header.fields, rules: rules)
            return Batches(csv: csv, layout: layout, rules: rules, size: max(1, size))
        }
    }

    /// The records of a file after its header, read batch by batch.
    public struct Batches: Sendable {
        private var csv: CSV.SourceReader
        private let layout: Layout
        private let rules: CustomerRules
        private let size: Int
        private var finished = false

        init(csv: CSV.SourceReader, layout: Layout, rules: CustomerRules, size: Int) {
            self.csv = csv
            self.layout = layout
            self.rules = rules
            self.size = size
        }

        /// Fraction of the file read so far (0...1), for a progress line.
        public var fractionRead: Double { csv.fractionRead }

        /// Up to `size` records, parsed and validated, or nil when the file is done. A batch may hold only errors.
        public mutating func next() throws -> Parsed? {
            try nextChunk()?.parse()
        }

        /// Up to `size` records, split into cells but not yet validated, or nil when the file is done.
        ///
        /// Splitting is fast and must run in file order; validation is most of the work and needs
        /// nothing else, so `Chunk.parse()` may run on other tasks while this reads on. Throws what
        /// the source throws (an unterminated quote is the chunk's `failure` instead).
        public mutating func nextChunk() throws -> Chunk? {
            guard !finished else { return nil }
            var records: [CSV.Record] = []
            records.reserveCapacity(min(size, 10_000))
            var failure: CSV.RowError?
            while records.count < size {
                do {
                    guard let record = try csv.next() else {
                        finished = true
                        break
                    }
                    records.append(record)
                } catch let error as CSV.ParseError {
                    let column = layout.names.indices.contains(error.field) ? layout.names[error.field] : ""
                    failure = CSV.RowError(row: error.line, column: column, reason: error.description)
                    finished = true
                    break
                }
            }
            return records.isEmpty && failure == nil
                ? nil
                : Chunk(records: records, failure: failure, layout: layout, rules: rules)
        }
    }

    /// Records of one batch awaiting validation; see `Batches.nextChunk()`.
    public struct Chunk: Sendable {
        let records: [CSV.Record]
        /// The file ended in an unterminated quote after these records.
        let failure: CSV.RowError?
        let layout: Layout
        let rules: CustomerRules

        /// Number of records, blank ones included.
        public var count: Int { records.count }

        /// Line of the first record, to order chunks parsed concurrently.
        public var firstLine: Int { records.first?.line ?? failure?.row ?? 0 }

        public func parse() -> Parsed {
            var parsed = Parsed()
            parsed.rows.reserveCapacity(records.count)
            for record in records { layout.read(record, rules: rules, into: &parsed) }
            if let failure { parsed.errors.append(failure) }
            return parsed
        }
    }
}
