import Foundation
import KefuCore
import Testing

@Suite("SVG charts")
struct SVGChartTests {
    static let hostile = "<script>alert('x')</script> & \"quotes\""

    static func charts(_ label: String) -> [String] {
        let series = SVGChart.Series(name: label, values: [3, 1, 0], labels: [label, "1", "0"])
        return [
            SVGChart.bar(title: label, categories: [label, "b", "c"], series: [series]),
            SVGChart.line(title: label, categories: [label, "b", "c"], series: [series, series]),
            SVGChart.pareto(title: label, categories: [label, "b", "c"], counts: series, cumulativeName: label),
            SVGChart.band(
                title: label, categories: [label, "b", "c"], low: series, high: series, mark: series, scale: 0...9),
        ]
    }

    @Test func everyLabelIsEscaped() {
        for svg in Self.charts(Self.hostile) {
            #expect(!svg.contains("<script"))
            #expect(!svg.contains("'x'"))
            #expect(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"))
            #expect(!svg.contains(" & "))
        }
        #expect(SVGChart.escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;")
    }

    @Test func theSameInputGivesTheSameBytes() {
        #expect(Self.charts("投诉") == Self.charts("投诉"))
    }

    @Test func chartsAreScalableImagesWithoutScript() {
        for svg in Self.charts("工单") {
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 300\""))
            #expect(svg.hasSuffix("</svg>"))
            #expect(svg.contains("role=\"img\""))
            #expect(!svg.lowercased().contains("script") && !svg.contains(" on") && !svg.contains("style="))
        }
    }

    @Test func barsAreScaledToARoundMaximumAndLabelled() {
        let svg = SVGChart.bar(
            title: "t", categories: ["新建", "已解决"],
            series: [SVGChart.Series(name: "工单", values: [4, 1], labels: ["4", "1"])])
        // The maximum 4 rounds up to a scale of 5: the plot is 208 high, so bars are 166.4 and 41.6.
        #expect(svg.contains("height=\"166.4\""))
        #expect(svg.contains("height=\"41.6\""))
        #expect(svg.contains("<title>新建 · 工单: 4</title>"))
        #expect(svg.components(separatedBy: "<rect").count - 1 == 2)
    }

    @Test func negativeBarsHangBelowAZeroLine() {
        let svg = SVGChart.bar(
            title: "差距", categories: ["有形度", "信赖度"],
            series: [SVGChart.Series(name: "差距", values: [2, -1], labels: ["2.00", "-1.00"])])
        // A scale of 2 above zero and 1 below: 208 / 3 = 69.3 a point, zero at 232 − 69.3 = 162.7.
        #expect(svg.contains(#"y="24" width="#) && svg.contains(#"height="138.7""#))
        #expect(svg.contains(#"y="162.7" width="#) && svg.contains(#"height="69.3""#))
        #expect(svg.contains(##"y1="162.7" x2="584" y2="162.7" stroke="#6b7280""##))
        let line = SVGChart.line(
            title: "NPS", categories: ["a", "b"], series: [SVGChart.Series(name: "NPS", values: [50, -50])],
            percent: true)
        // −100 to 100: the zero line halfway up the plot, 50 a quarter above it.
        #expect(line.contains(##"y1="128" x2="584" y2="128" stroke="#6b7280""##))
        #expect(line.contains(#"cy="76""#) && line.contains(#"cy="180""#))
    }

    @Test func bandsSpanTheZoneAndColourTheMarkByWhereItFalls() {
        let band = SVGChart.band(
            title: "容忍区", categories: ["有形度", "信赖度", "反映度", "同理度"],
            low: SVGChart.Series(name: "最低", values: [3, 5, 4, .nan]),
            high: SVGChart.Series(name: "期望", values: [7, 8, 6, .nan]),
            mark: SVGChart.Series(name: "感知", values: [5, 4, 7, .nan]), scale: 1...9)
        // The plot is 208 high for 8 points: 26 a point. 有形度's band runs from 3 (y 180) to 7 (y 76).
        #expect(band.contains("y=\"76\" width=\"79.2\" height=\"104\""))
        #expect(band.contains("<title>有形度 · 最低 3 – 期望 7</title>"))
        // Inside the zone green, below it vermillion (a failure), above it blue (delight).
        #expect(band.contains("fill=\"#009E73\"><title>有形度 · 感知: 5</title>"))
        #expect(band.contains("fill=\"#D55E00\"><title>信赖度 · 感知: 4</title>"))
        #expect(band.contains("fill=\"#0072B2\"><title>反映度 · 感知: 7</title>"))
        // Nobody answered 同理度: its label only.
        #expect(!band.contains("同理度 · ") && band.contains(">同理度</text>"))
        #expect(band.components(separatedBy: "<rect").count - 1 == 3 + 1)
    }

    @Test func paretoBarsShareTheTotalsScaleWithTheCumulativeLine() {
        let svg = SVGChart.pareto(
            title: "原因", categories: ["压缩机", "态度"],
            counts: SVGChart.Series(name: "投诉", values: [3, 1]), cumulativeName: "累计")
        // 3 of 4 complaints: a bar three quarters of the plot's 208, and the line through 75 % then 100 %.
        #expect(svg.contains("height=\"156\""))
        #expect(svg.contains("<title>压缩机 · 累计: 75%</title>"))
        #expect(svg.contains("<title>态度 · 累计: 100%</title>"))
        #expect(svg.contains("stroke-dasharray"))
        #expect(svg.contains(">100%</text>"))
    }

    @Test func lineGridsStepByRoundWholeNumbers() {
        func grid(_ values: [Double]) -> [String] {
            let svg = SVGChart.line(
                title: "t", categories: values.map { _ in "d" }, series: [SVGChart.Series(name: "n", values: values)])
            return svg.components(separatedBy: "text-anchor=\"end\" fill=\"#374151\">").dropFirst()
                .map { String($0.prefix { $0 != "<" }) }
        }
        #expect(grid([1, 0]) == ["1", "2", "3", "4"])
        #expect(grid([37, 2]) == ["10", "20", "30", "40"])
        #expect(grid([] as [Double]) == ["1", "2", "3", "4"])
    }

    @Test func longCategoryNamesAreShortenedButKeptInTooltips() {
        let name = "一二三四五六七八九十十一十二十三"
        let svg = SVGChart.bar(
            title: "t", categories: [name], series: [SVGChart.Series(name: "n", values: [1])])
        #expect(svg.contains(">一二三四五六七八九十十…</text>"))
        #expect(svg.contains("<title>\(name) · n: 1</title>"))
    }

    @Test func emptyChartsStillDraw() {
        let svg = SVGChart.line(title: "t", categories: [], series: [])
        #expect(svg.hasSuffix("</svg>"))
    }

    @Test func aLineBreaksWhereAValueIsMissing() {
        let series = SVGChart.Series(name: "n", values: [1, .nan, 2, 3], labels: ["1", "—", "2", "3"])
        // MUT
        let svg = SVGChart.line(title: "t", categories: ["a", "b", "c", "d"], series: [series])
        // validate: one point alone, then a line through the last two; no dot for the gap
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(svg.components(separatedBy: "<circle").count - 1 == 3)
        #expect(!svg.contains("nan"))
        #expect(!svg.contains("b · n"))
    }

    @Test func aPercentLineIsScaledToAHundred() {
        let series = SVGChart.Series(name: "n", values: [100, 40])
        // MUT
        let svg = SVGChart.line(title: "t", categories: ["a", "b"], series: [series], percent: true)
        // validate: the grid reads 25 % to 100 %, and 100 % is the top of the plot
        for mark in ["25%", "50%", "75%", "100%"] { #expect(svg.contains(">\(mark)</text>"), "\(mark)") }
        #expect(svg.contains(#"cy="24""#))
    }
}
