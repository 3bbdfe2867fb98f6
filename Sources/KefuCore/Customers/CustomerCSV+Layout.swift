import Foundation

extension CustomerCSV {
    /// What each column of one file's header means, worked out once so rows are read by position.
    struct Layout: Sendable {
        enum Column: Sendable {
            case standard(CustomerField)
            case custom(CustomFieldDefinition)
            /// A column with an empty header cell, as spreadsheets leave behind; it must stay empty.
            case blank
        }

        var columns: [Column]
        /// Canonical column name per position, used in error reports.
        var names: [String]
        private var positions: [String: Int] = [:]

        init(header: [String], rules: CustomerRules) throws(CSV.HeaderFailure) {
            var errors: [CSV.RowError] = []
            var unknown: [String] = []
            var duplicates: [String] = []
            columns = []
            names = []
            for cell in header {
                // A byte-order mark left by a tool that wrote one twice sticks to the first name.
                let name = cell.trimmingWhitespace().lowercased().replacingOccurrences(of: "\u{FEFF}", with: "")
                let column: Column
                if name.isEmpty {
                    column = .blank
                } else if let standard = CustomerCSV.fieldsByColumn[name] {
                    column = .standard(standard)
                } else if name.hasPrefix(customPrefix),
                    let definition = rules.customFields.first(where: {
                        $0.key.lowercased() == String(name.dropFirst(customPrefix.count))
                    })
                {
                    column = .custom(definition)
                } else {
                    unknown.append(cell.trimmingWhitespace())
                    column = .blank
                }
                let canonical: String =
                    switch column {
                    case .standard(let standard): standard.column
                    case .custom(let definition): customPrefix + definition.key
                    case .blank: name
                    }
                if !name.isEmpty, positions[canonical] != nil, !duplicates.contains(canonical) {
                    duplicates.append(canonical)
                }
                if !name.isEmpty, positions[canonical] == nil { positions[canonical] = columns.count }
                columns.append(column)
                names.append(canonical)
            }
            if !unknown.isEmpty {
                let custom = rules.customFields.map { customPrefix + $0.key }
                let quoted = unknown.map { "\"\($0)\"" }.joined(separator: ", ")
                errors.append(
                    CSV.RowError(
                        row: 1, column: unknown.joined(separator: ", "),
                        reason: "Unknown columns: \(quoted). Known columns are "
                            + (CustomerProfile.fields.map(\.column) + custom).joined(separator: ", ") + "."))
            }
            for name in duplicates {
                errors.append(CSV.RowError(row: 1, column: name, reason: "Column \"\(name)\" appears more than once."))
            }
            if positions[CustomerCSV.nameColumn] == nil {
                errors.append(
                    CSV.RowError(
                        row: 1, column: CustomerCSV.nameColumn,
                        reason: "The header has no \"\(CustomerCSV.nameColumn)\" column; it is required."))
            }
            guard errors.isEmpty else { throw CSV.HeaderFailure(errors: errors) }
        }

        /// Position of a column by canonical name, to order a row's errors as the file does.
        func position(of column: String) -> Int {
            positions[column] ?? Int.max
        }

        /// Reads one record into a valid row or its errors; blank records are skipped.
        func read(_ record: CSV.Record, rules: CustomerRules, into parsed: inout Parsed) {
            let cells = record.fields
            if cells.allSatisfy(\.isBlank) { return }
            guard cells.count == columns.count else {
                parsed.errors.append(
                    CSV.RowError(
                        row: record.line, column: "",
                        reason: "The row has \(cells.count) cells but the header has \(columns.count) columns."))
                return
            }
            var profile = CustomerProfile()
            var references = References()
            var errors: [CSV.RowError] = []
            for (index, column) in columns.enumerated() {
                let cell = CSV.unprotectFormula(cells[index])
                switch column {
                case .standard(let standard):
                    let problem = Self.apply(cell, to: standard, of: &profile, references: &references)
                    if let problem {
                        errors.append(CSV.RowError(row: record.line, column: names[index], reason: problem))
                    }
                case .custom(let definition):
                    let text = cell.trimmingWhitespace()
                    guard !text.isEmpty else { continue }
                    if definition.type == .number, let number = Double(text), number.isFinite {
                        profile.customFields[definition.key] = .number(number)
                    } else {
                        // Validation names the expected type in its message.
                        profile.customFields[definition.key] = .string(definition.type == .text ? cell : text)
                    }
                case .blank:
                    if !cell.isBlank {
                        errors.append(
                            CSV.RowError(
                                row: record.line, column: "",
                                reason: "Column \(index + 1) has a value but no header."))
                    }
                }
            }
            do throws(ValidationFailure) {
                let valid = try profile.validated(under: rules)
                if errors.isEmpty {
                    parsed.rows.append(
                        Row(
                            line: record.line, profile: valid, branchName: references.branchName,
                            accountManagerEmail: references.accountManagerEmail))
                    return
                }
            } catch {
                errors += error.errors.map {
                    CSV.RowError(row: record.line, column: Self.column(forField: $0.field), reason: $0.message)
                }
            }
            let ordered = errors.enumerated().sorted {
                (position(of: $0.element.column), $0.offset) < (position(of: $1.element.column), $1.offset)
            }
            parsed.errors += ordered.map(\.element)
        }

        /// What a row names for the store to resolve to ids.
        private struct References {
            var branchName: String?
            var accountManagerEmail: String?
        }

        /// Sets one standard column's value, or returns why the cell is not acceptable.
        private static func apply(
            _ cell: String, to field: CustomerField, of profile: inout CustomerProfile,
            references: inout References
        ) -> String? {
            switch field.kind {
            case .name, .text, .date, .tier:
                field.set(.text(cell), in: &profile)
            case .phones, .emails, .tags:
                field.set(.list(list(cell)), in: &profile)
            case .branch:
                let text = cell.trimmingWhitespace()
                references.branchName = text.isEmpty ? nil : text
            case .staffUser:
                let text = cell.trimmingWhitespace()
                if text.isEmpty { return nil }
                guard let email = EmailAddress.normalize(text) else {
                    return "\"\(text)\" is not an email address; name the account manager by their email."
                }
                references.accountManagerEmail = email
            case .choice(let choice):
                let text = cell.trimmingWhitespace()
                if text.isEmpty { return nil }
                guard let value = choice.loose(text) else {
                    return "\(field.title) \"\(text)\" is not \(choice.described)."
                }
                field.set(.text(value), in: &profile)
            case .flag:
                guard let flag = boolean(cell) else {
                    return "\"\(cell.trimmingWhitespace())\" is not a yes/no value; "
                        + "use true/false, 1/0, yes/no or 是/否."
                }
                field.set(.flag(flag), in: &profile)
            }
            return nil
        }

        /// The CSV column a validation error's field comes from (`phones[1]` → `phone`).
        static func column(forField field: String) -> String {
            if field.hasPrefix("custom_fields.") { return customPrefix + field.dropFirst("custom_fields.".count) }
            let key = field.firstIndex(of: "[").map { String(field[..<$0]) } ?? field
            return CustomerProfile.field(key: key)?.column ?? field
        }

        /// `true/false`, `1/0`, `yes/no`, `是/否` in any case; empty is false.
        static func boolean(_ cell: String) -> Bool? {
            switch cell.trimmingWhitespace().lowercased() {
            case "", "false", "0", "no", "否": false
            case "true", "1", "yes", "是": true
            default: nil
            }
        }

        /// Splits a cell holding several values; empty pieces are dropped.
        static func list(_ cell: String) -> [String] {
            if cell.isEmpty { return [] }
            // Most cells hold one value and no separator; skip the split for them.
            if !cell.unicodeScalars.contains(where: { $0 == ";" || $0 == "；" }) { return [cell] }
            return cell.split(whereSeparator: { $0 == ";" || $0 == "；" }).map(String.init)
        }
    }
}
