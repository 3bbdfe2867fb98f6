import Foundation
import KefuCore
import Testing

@Suite("Report values, percentiles and CSV")
struct ReportTests {
    static let report = Report(
        name: "sample",
        columns: [
            ReportColumn("name", labelKey: "n", kind: .text), ReportColumn("count", labelKey: "c", kind: .count),
            ReportColumn("time", labelKey: "t", kind: .duration), ReportColumn("share", labelKey: "s", kind: .percent),
            ReportColumn("paid", labelKey: "p", kind: .money),
        ],
        rows: [
            [.text("=SUM(A1)"), .integer(3), .integer(93_784), .decimal(45.5), .integer(12_345)],
            [.text("a, \"b\""), .integer(0), .empty, .percent(1, of: 3), .integer(-5)],
            [.text("-2"), .integer(-2), .integer(59), .percent(3, of: 3), .integer(7)],
        ])

    @Test func csvHasKeysThenCellsAndDisarmsFormulasInTextOnly() {
        #expect(
            Self.report.csv
                == "name,count,time,share,paid\r\n'=SUM(A1),3,93784,45.5,12345\r\n\"a, \"\"b\"\"\",0,,33.3,-5\r\n"
                + "'-2,-2,59,100,7\r\n")
    }

    @Test func cellsDisplayByTheirColumnsKind() {
        let columns = Self.report.columns
        #expect(columns[2].display(.integer(93_784)) == "26:03:04")
        #expect(columns[2].display(.integer(59)) == "0:00:59")
        #expect(columns[2].display(.empty) == "—")
        #expect(columns[3].display(.decimal(45.5)) == "45.5%")
        #expect(columns[3].display(.decimal(100)) == "100%")
        #expect(columns[4].display(.integer(12_345)) == "123.45")
        #expect(columns[4].display(.integer(-5)) == "-0.05")
        #expect(columns[1].display(.integer(7)) == "7")
        #expect(ReportValue.percent(2, of: 0) == .empty)
        #expect(ReportValue.percent(2, of: 3) == .decimal(66.7))
        #expect(Self.report.column("share")?.index == 3)
        #expect(Self.report.column("missing") == nil)
    }

    @Test func percentilesInterpolateBetweenClosestRanks() {
        #expect(Percentile.of([], 0.5) == nil)
        #expect(Percentile.of([7], 0.9) == 7)
        #expect(Percentile.of([4, 1, 3, 2], 0.5) == 2.5)
        #expect(Percentile.of([1, 2, 3, 4], 0.9)!.isApproximatelyEqual(3.7))
        #expect(Percentile.of([1800, 3600, 7200], 0.9) == 6480)
        #expect(Percentile.of([5, 1, 9], 0) == 1)
        #expect(Percentile.of([5, 1, 9], 1) == 9)
        #expect(Percentile.of(Array(stride(from: 1.0, through: 101, by: 1)), 0.9) == 91)
    }
}

extension Double {
    fileprivate func isApproximatelyEqual(_ other: Double) -> Bool { abs(self - other) < 1e-9 }
}
