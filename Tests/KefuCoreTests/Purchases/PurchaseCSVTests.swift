import Foundation
import KefuCore
import Testing

/// The purchase CSV format without a database: amounts in major units, dates, consecutive rows of one
/// purchase, and purchases handed out whole whatever the batch size.
@Suite("Purchase CSV")
struct PurchaseCSVTests {
    static let context = PurchaseCSV.Context(
        phoneRegion: "CN", zone: TimeZone(identifier: "Asia/Shanghai")!, currency: "CNY",
        now: Date(timeIntervalSince1970: 1_800_000_000))

    @Test func amountsInMajorUnitsBecomeMinorUnitsWithTheCurrencysDecimals() {
        #expect(MinorUnits.parse("128.50", exponent: 2) == 12_850)
        #expect(MinorUnits.parse(" 128.5 ", exponent: 2) == 12_850)
        #expect(MinorUnits.parse("128", exponent: 2) == 12_800)
        #expect(MinorUnits.parse(".5", exponent: 2) == 50)
        #expect(MinorUnits.parse("-3.05", exponent: 2) == -305)
        #expect(MinorUnits.parse("1500", exponent: 0) == 1_500)
        #expect(MinorUnits.parse("1.250", exponent: 3) == 1_250)
        for bad in ["", ".", "5.", "1.005", "1,000", "1e3", "12a", "1234567890123456", "¥5"] {
            #expect(MinorUnits.parse(bad, exponent: 2) == nil, "\(bad)")
        }
        #expect(MinorUnits.parse("1.5", exponent: 0) == nil)
        #expect(MinorUnits.exponent(of: "CNY") == 2 && MinorUnits.exponent(of: "JPY") == 0)
        #expect(MinorUnits.exponent(of: "KWD") == 3)
    }

    @Test func minorUnitsReadBackWithTheCurrencysDecimals() {
        #expect(MinorUnits.decimalText(12_800, exponent: 2) == "128.00")
        #expect(MinorUnits.decimalText(5, exponent: 2) == "0.05")
        #expect(MinorUnits.decimalText(-305, exponent: 2) == "-3.05")
        #expect(MinorUnits.decimalText(1_500, exponent: 0) == "1500")
        #expect(MinorUnits.decimalText(1_250, exponent: 3) == "1.250")
        for minor in [0, 1, 99, 100, 12_850, -1] {
            #expect(MinorUnits.parse(MinorUnits.decimalText(minor, exponent: 2), exponent: 2) == minor)
        }
    }

    @Test(arguments: [1, 2, 1_000])
    func consecutiveRowsWithOneReferenceAreOnePurchaseWhateverTheBatch(records: Int) throws {
        let csv = """
            customer_phone,purchased_at,total,currency,source,external_ref,sku,name,quantity,unit_price
            138 0013 8000,2026-03-01,1500,JPY,pos,A,S1,一,1,1000
            ,,,,pos,A,S2,二,,500
            13900139000,2026-03-01T10:00:00Z,1,,pos,B,S1,一,1,1
            13900139000,2026-03-01T10:00:00Z,2,,,,,,,
            13900139000,2026-03-01T10:00:00Z,2,,,,,,,
            """
        var reader = try PurchaseCSV.Reader(source: InMemoryBytes(Array(csv.utf8)), context: Self.context)
        var entries: [PurchaseCSV.Entry] = []
        var rejected: [CSV.RowError] = []
        while let batch = try reader.next(records: records) {
            entries += batch.entries
            rejected += batch.rejected
        }
        #expect(rejected.isEmpty)
        #expect(entries.map(\.lines) == [[2, 3], [4], [5], [6]])
        let first = try #require(entries.first)
        #expect(first.customer == PurchaseCSV.CustomerReference(phone: "+8613800138000"))
        #expect(first.draft.total == 1_500 && first.draft.currency == "JPY")
        #expect(first.draft.items.map(\.unitPrice) == [1_000, 500] && first.draft.items.map(\.quantity) == [1, 1])
        #expect(first.draft.purchasedAt == RFC3339.date("2026-02-28T16:00:00Z"))
        #expect(first.draft.customerID == PurchaseCSV.unresolvedCustomer)
    }

    @Test func aPurchaseWithABadRowIsRejectedWholeAndADifferentRepeatIsAnError() throws {
        let csv = """
            customer_email,purchased_at,total,source,external_ref,sku,name,quantity,unit_price
            a@example.com,2026-03-01,10,pos,A,S1,一,1,10
            b@example.com,2026-03-01,10,pos,A,S2,二,1,
            c@example.com,2026-03-01,10,pos,B,S1,一,1,5
            ,,,pos,B,S1,二,1,5
            """
        var reader = try PurchaseCSV.Reader(source: InMemoryBytes(Array(csv.utf8)), context: Self.context)
        let batch = try #require(try reader.next(records: 100))
        #expect(batch.entries.isEmpty)
        #expect(
            batch.rejected.map { "\($0.row) \($0.column)" } == [
                "2 ", "3 customer_email", "3 unit_price", "4 ", "5 sku",
            ])
        #expect(batch.rejected[0].reason == "Not imported: row 3 of the same purchase has an error.")
        #expect(batch.rejected[4].reason == "Each SKU may appear on one line only.")
    }
}
