extension CSV {
    /// One problem in an imported file, as every CSV import reports it (`{"row", "column", "reason"}`).
    /// Header problems use row 1; an error about a whole row has an empty column.
    public struct RowError: Codable, Sendable, Equatable, Error {
        /// Line in the file where the record starts; the header is line 1.
        public var row: Int
        public var column: String
        public var reason: String

        public init(row: Int, column: String, reason: String) {
            self.row = row
            self.column = column
            self.reason = reason
        }
    }
}

extension CSV {
    /// The header of an imported file cannot be used (a required column missing, unknown or repeated
    /// columns, an empty file), so no row is read.
    public struct HeaderFailure: Error, Sendable, Equatable {
        public var errors: [RowError]

        public init(errors: [RowError]) {
            self.errors = errors
        }
    }
}
