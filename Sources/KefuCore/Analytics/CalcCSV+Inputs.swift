public import Foundation

/// One interval of a day's staffing input (`interval_start,calls,aht_seconds`).
public struct StaffingInterval: Sendable, Hashable {
    public let intervalStart: String
    public let calls: Decimal
    public let ahtSeconds: Decimal
    public let line: Int
}

/// Typed readers for the calc inputs; each bad value is reported with its row and column.
extension CalcCSV {
    /// `customer_id,date,amount` rows (date ISO-8601, amount a decimal).
    public func transactions() throws(CalcInputError) -> [Transaction] {
        let columns = try columns(required: ["customer_id", "date", "amount"])
        var result: [Transaction] = []
        result.reserveCapacity(rows.count)
        for row in rows {
            let id = try CalcCSV.identifier(row, columns["customer_id"]!, name: "customer_id")
            let dateText = row.fields[columns["date"]!].calcTrimmed()
            guard let day = CalendarDay(iso8601: dateText) else {
                throw CalcInputError(line: row.line, "date \"\(dateText)\" is not an ISO-8601 date (YYYY-MM-DD)")
            }
            let amount = try CalcCSV.decimal(row, columns["amount"]!, name: "amount")
            result.append(Transaction(customerID: id, day: day, amount: amount, line: row.line))
        }
        return result
    }

    /// `customer_id,frequency,recency,T[,monetary_value]` rows, as `kefu calc summary` writes them.
    public func summaries() throws(CalcInputError) -> [CustomerSummary] {
        let columns = try columns(required: ["customer_id", "frequency", "recency", "T"], optional: ["monetary_value"])
        var result: [CustomerSummary] = []
        result.reserveCapacity(rows.count)
        for row in rows {
            let id = try CalcCSV.identifier(row, columns["customer_id"]!, name: "customer_id")
            let frequencyValue = try CalcCSV.double(row, columns["frequency"]!, name: "frequency")
            guard frequencyValue >= 0, frequencyValue == frequencyValue.rounded(), frequencyValue < 1e9 else {
                throw CalcInputError(
                    line: row.line, "frequency must be a whole number of at least 0 (got \(frequencyValue))")
            }
            let recency = try CalcCSV.double(row, columns["recency"]!, name: "recency")
            let age = try CalcCSV.double(row, columns["T"]!, name: "T")
            guard recency >= 0, age >= 0, recency <= age else {
                throw CalcInputError(line: row.line, "need 0 ≤ recency ≤ T (got recency \(recency), T \(age))")
            }
            guard frequencyValue == 0 || recency > 0 else {
                throw CalcInputError(
                    line: row.line,
                    "recency must be positive when frequency > 0 (a repeat purchase is later than the first)")
            }
            var monetary: Double?
            if let index = columns["monetary_value"] {
                let value = try CalcCSV.double(row, index, name: "monetary_value")
                if frequencyValue > 0, !(value > 0) {
                    throw CalcInputError(
                        line: row.line, "monetary_value must be positive when frequency > 0 (got \(value))")
                }
                monetary = value
            }
            result.append(
                CustomerSummary(
                    customerID: id, frequency: Int(frequencyValue), recency: recency, age: age, monetaryValue: monetary)
            )
        }
        return result
    }

    /// `interval_start,calls,aht_seconds` rows for a day's staffing.
    public func staffingIntervals() throws(CalcInputError) -> [StaffingInterval] {
        let columns = try columns(required: ["interval_start", "calls", "aht_seconds"])
        return try rows.map { row throws(CalcInputError) in
            let calls = try CalcCSV.decimal(row, columns["calls"]!, name: "calls")
            let aht = try CalcCSV.decimal(row, columns["aht_seconds"]!, name: "aht_seconds")
            guard calls >= 0 else { throw CalcInputError(line: row.line, "calls must not be negative (got \(calls))") }
            guard aht > 0 else { throw CalcInputError(line: row.line, "aht_seconds must be positive (got \(aht))") }
            return StaffingInterval(
                intervalStart: row.fields[columns["interval_start"]!].calcTrimmed(), calls: calls, ahtSeconds: aht,
                line: row.line)
        }
    }

    /// `customer_id,kind,at` rows (`at` RFC 3339 with an offset), read in file order; an unknown kind or
    /// an event after `now` is an error on its row, so an analyst sees a wrong `--now` instead of a
    /// quietly smaller balance.
    public func healthEvents(notAfter now: Date) throws(CalcInputError) -> [CustomerHealthEvent] {
        let columns = try columns(required: ["customer_id", "kind", "at"])
        return try rows.map { row throws(CalcInputError) in
            let id = try CalcCSV.identifier(row, columns["customer_id"]!, name: "customer_id")
            let kindText = row.fields[columns["kind"]!].calcTrimmed()
            guard let kind = HealthEventKind(rawValue: kindText) else {
                throw CalcInputError(line: row.line, "unknown event kind \"\(kindText)\"")
            }
            let atText = row.fields[columns["at"]!].calcTrimmed()
            guard let at = RFC3339.date(atText) else {
                throw CalcInputError(
                    line: row.line, "at \"\(atText)\" is not an RFC 3339 date-time with an offset")
            }
            guard at <= now else {
                throw CalcInputError(
                    line: row.line, "at \(atText) of customer \"\(id)\" is after --now \(RFC3339.utc(now))")
            }
            return CustomerHealthEvent(customerID: id, event: HealthEvent(kind: kind, at: at), line: row.line)
        }
    }

    static func identifier(_ row: Row, _ index: Int, name: String) throws(CalcInputError) -> String {
        let id = row.fields[index].calcTrimmed()
        guard !id.isEmpty else { throw CalcInputError(line: row.line, "\(name) is empty") }
        return id
    }

    private static func decimal(_ row: Row, _ index: Int, name: String) throws(CalcInputError) -> Decimal {
        let text = row.fields[index]
        guard let value = Decimal(plainLiteral: text) else {
            throw CalcInputError(line: row.line, "\(name) \"\(text)\" is not a decimal number")
        }
        return value
    }

    static func double(_ row: Row, _ index: Int, name: String) throws(CalcInputError) -> Double {
        let text = row.fields[index].calcTrimmed()
        guard let value = Double(text), value.isFinite else {
            throw CalcInputError(line: row.line, "\(name) \"\(text)\" is not a number")
        }
        return value
    }
}
