import Foundation

extension PurchaseCSV {
    /// The rows of one purchase turned into a validated `Entry`, or every problem found in them. A purchase
    /// with a problem on any of its rows is rejected whole; its other rows say so.
    struct Assembly {
        struct Rejected: Error {
            var errors: [CSV.RowError]
        }

        let rows: [Cells]
        let context: Context
        private var errors: [CSV.RowError] = []

        init(_ rows: [Cells], context: Context) {
            self.rows = rows
            self.context = context
        }

        func entry() -> Result<Entry, Rejected> {
            var assembly = self
            return assembly.assemble().map { .success($0) } ?? .failure(Rejected(errors: assembly.reported()))
        }

        private mutating func fail(_ line: Int, _ column: Column?, _ reason: String) {
            errors.append(CSV.RowError(row: line, column: column?.rawValue ?? "", reason: reason))
        }

        private mutating func assemble() -> Entry? {
            let first = rows[0].line
            var customer = CustomerReference()
            if let text = value(.customerID) {
                customer.id = UUID(uuidString: text.text)
                if customer.id == nil {
                    fail(text.line, .customerID, "\"\(text.text)\" is not a customer id (a UUID).")
                }
            }
            if let text = value(.customerPhone) {
                customer.phone = PhoneNumber.normalize(text.text, defaultRegion: context.phoneRegion)
                if customer.phone == nil { fail(text.line, .customerPhone, "\"\(text.text)\" is not a phone number.") }
            }
            if let text = value(.customerEmail) {
                customer.email = EmailAddress.normalize(text.text)
                if customer.email == nil {
                    fail(text.line, .customerEmail, "\"\(text.text)\" is not an email address.")
                }
            }
            customer.externalID = value(.customerExternalID)?.text
            if customer.isEmpty, errors.isEmpty {
                fail(
                    first, nil,
                    "The row names no customer: give customer_id, customer_phone, customer_email or "
                        + "customer_external_id.")
            }
            var purchasedAt: Date?
            if let text = value(.purchasedAt) {
                purchasedAt = RFC3339.date(text.text) ?? CalendarDay(dateOnly: text.text)?.start(in: context.zone)
                if purchasedAt == nil {
                    fail(
                        text.line, .purchasedAt,
                        "\"\(text.text)\" is not an RFC 3339 date-time (2026-03-01T14:30:00+08:00) or a date "
                            + "(2026-03-01).")
                }
            }
            let currency = value(.currency)?.text
            let exponent = MinorUnits.exponent(of: currency?.uppercased() ?? context.currency)
            var total: Int?
            if let text = value(.total) { total = amount(text.text, line: text.line, column: .total, exponent) }
            let branch = value(.branchID)?.text
            var items: [PurchaseItem] = []
            var itemLines: [Int] = []
            for row in rows where row.hasItem {
                var quantity = 1
                if let text = row[.quantity] {
                    if let number = Int(text) {
                        quantity = number
                    } else {
                        fail(row.line, .quantity, "\"\(text)\" is not a whole number.")
                    }
                }
                var unitPrice = 0
                if let text = row[.unitPrice] {
                    unitPrice = amount(text, line: row.line, column: .unitPrice, exponent) ?? 0
                } else {
                    fail(row.line, .unitPrice, "Unit price is required on a row with a line item.")
                }
                items.append(
                    PurchaseItem(
                        sku: row[.sku] ?? "", name: row[.name] ?? "", category: row[.category], quantity: quantity,
                        unitPrice: unitPrice))
                itemLines.append(row.line)
            }
            guard errors.isEmpty else { return nil }
            let draft = PurchaseDraft(
                customerID: PurchaseCSV.unresolvedCustomer, purchasedAt: purchasedAt, total: total, currency: currency,
                items: items, source: rows[0][.source], externalRef: rows[0][.externalRef])
            do throws(ValidationFailure) {
                let valid = try draft.validated(now: context.now, defaultCurrency: context.currency)
                return Entry(lines: rows.map(\.line), customer: customer, branch: branch, draft: valid)
            } catch {
                for problem in error.errors {
                    let (line, column) = place(problem.field, itemLines: itemLines)
                    fail(line, column, problem.message)
                }
                return nil
            }
        }

        /// The first value of a purchase-level column among the rows, and the row it is on. A row repeating
        /// it differently is an error there.
        private mutating func value(_ column: Column) -> (text: String, line: Int)? {
            var found: (text: String, line: Int)?
            for row in rows {
                guard let text = row[column] else { continue }
                guard let earlier = found else {
                    found = (text, row.line)
                    continue
                }
                if text != earlier.text {
                    fail(
                        row.line, column,
                        "\"\(text)\" differs from \"\(earlier.text)\" on row \(earlier.line) of the same purchase.")
                }
            }
            return found
        }

        private mutating func amount(_ text: String, line: Int, column: Column, _ exponent: Int) -> Int? {
            if let value = MinorUnits.parse(text, exponent: exponent) { return value }
            let decimals = exponent == 0 ? "no decimals" : "at most \(exponent) decimals"
            fail(line, column, "\"\(text)\" is not an amount in major units such as 128.50 (\(decimals)).")
            return nil
        }

        /// The row and column a validation error's field comes from (`items[1].sku` → the second line's row, `sku`).
        private func place(_ field: String, itemLines: [Int]) -> (Int, Column?) {
            let first = rows[0].line
            if field.hasPrefix("items["), let close = field.firstIndex(of: "]"),
                let index = Int(field[field.index(field.startIndex, offsetBy: 6)..<close]),
                itemLines.indices.contains(index)
            {
                let member = field[field.index(after: close)...].drop { $0 == "." }
                return (itemLines[index], Column(rawValue: String(member)))
            }
            let column = Column(rawValue: field)
            if let column, let line = rows.first(where: { $0[column] != nil })?.line { return (line, column) }
            return (first, column)
        }

        /// The errors in row order, and a note on each other row of the purchase that it was not imported.
        private func reported() -> [CSV.RowError] {
            let failing = Set(errors.map(\.row))
            var all = errors
            if rows.count > 1, let firstFailing = failing.min() {
                for row in rows where !failing.contains(row.line) {
                    all.append(
                        CSV.RowError(
                            row: row.line, column: "",
                            reason: "Not imported: row \(firstFailing) of the same purchase has an error."))
                }
            }
            return all.enumerated().sorted { ($0.element.row, $0.offset) < ($1.element.row, $1.offset) }
                .map(\.element)
        }
    }
}
