import Foundation

/// Charts as SVG text, drawn on the server (DESIGN.md "Reports"): no script, a `viewBox` so they
/// scale to any width, every label escaped, and the same input always gives the same bytes (fixed
/// layout, coordinates to one decimal). Callers pass the words already translated and each value's
/// text as the table shows it (`1:05:00`, `45.5%`), so chart and table read alike.
public enum SVGChart {
    /// One series of values, one per category, with the text each value is shown as.
    public struct Series: Sendable, Equatable {
        public var name: String
        public var values: [Double]
        public var labels: [String]

        /// `labels` default to the values themselves.
        public init(name: String, values: [Double], labels: [String]? = nil) {
            self.name = name
            self.values = values
            self.labels = labels ?? values.map(SVGChart.number)
        }
    }

    /// Bars per category, side by side for several series, each labelled with its value. Negative values (a
    /// SERVQUAL gap, an NPS) hang below a zero line drawn where the scale puts it.
    public static func bar(title: String, categories: [String], series: [Series]) -> String {
        var canvas = Canvas(title: title)
        let plot = canvas.plot
        let finite = series.flatMap(\.values).filter(\.isFinite)
        let top = niceCeiling(finite.max() ?? 0)
        let depth = (finite.min() ?? 0) < 0 ? niceCeiling(-(finite.min() ?? 0)) : 0
        let unit = plot.height / (top + depth)
        let zero = plot.maxY - depth * unit
        let slot = plot.width / Double(max(categories.count, 1))
        let barWidth = slot * 0.8 / Double(max(series.count, 1))
        for (index, category) in categories.enumerated() {
            canvas.categoryLabel(category, x: plot.minX + slot * (Double(index) + 0.5), every: 1, index: index)
            for (position, one) in series.enumerated() {
                let signed = index < one.values.count && one.values[index].isFinite ? one.values[index] : 0
                let height = unit * abs(signed)
                let x = plot.minX + slot * Double(index) + slot * 0.1 + barWidth * Double(position)
                canvas.rect(
                    x: x, y: signed < 0 ? zero : zero - height, width: barWidth, height: height,
                    colour: palette[position % palette.count],
                    tooltip: "\(category) · \(one.name): \(label(one, index))")
                canvas.text(
                    label(one, index), x: x + barWidth / 2, y: signed < 0 ? zero + height + 12 : zero - height - 4,
                    anchor: "middle")
            }
        }
        canvas.baseline(at: zero)
        if series.count > 1 { canvas.legend(series.enumerated().map { ($1.name, palette[$0 % palette.count], false) }) }
        return canvas.finish()
    }

    /// A line per series over ordered categories (days), with a value grid; with many categories
    /// only every few are labelled, so the labels never overlap. A value that is not a number (a day
    /// without tickets has no compliance) leaves a gap in its line. `percent` fixes the scale at
    /// 0–100 % with marked grid lines. Negative values (an NPS) extend the scale as far below zero, with the
    /// zero line drawn across.
    public static func line(title: String, categories: [String], series: [Series], percent: Bool = false) -> String {
        var canvas = Canvas(title: title)
        let plot = canvas.plot
        // Four grid lines a round step apart (counts: at least 1).
        let finite = series.flatMap(\.values).filter(\.isFinite)
        func extent(_ value: Double) -> Double { percent ? 100 : 4 * niceCeiling(value / 4) }
        let top = extent(finite.max() ?? 0)
        let bottom = (finite.min() ?? 0) < 0 ? -extent(-(finite.min() ?? 0)) : 0
        canvas.grid(low: bottom, high: top, label: percent ? { number($0) + "%" } : number)
        let slot = plot.width / Double(max(categories.count, 1))
        let every = max(1, Int((Double(categories.count) / 8).rounded(.up)))
        for (index, category) in categories.enumerated() {
            canvas.categoryLabel(category, x: plot.minX + slot * (Double(index) + 0.5), every: every, index: index)
        }
        for (position, one) in series.enumerated() {
            let colour = palette[position % palette.count]
            let points = categories.indices.map { index -> (Double, Double)? in
                guard index >= one.values.count || one.values[index].isFinite else { return nil }
                let signed = index < one.values.count ? one.values[index] : 0
                return (
                    plot.minX + slot * (Double(index) + 0.5),
                    plot.maxY - plot.height * (signed - bottom) / (top - bottom)
                )
            }
            for run in points.split(whereSeparator: { $0 == nil }) {
                canvas.polyline(run.compactMap(\.self), colour: colour, dashed: false)
            }
            for (index, point) in points.enumerated() {
                guard let point else { continue }
                canvas.dot(
                    x: point.0, y: point.1, colour: colour,
                    tooltip: "\(categories[index]) · \(one.name): \(label(one, index))")
            }
        }
        canvas.baseline(at: plot.maxY + plot.height * bottom / (top - bottom))
        canvas.legend(series.enumerated().map { ($1.name, palette[$0 % palette.count], true) })
        return canvas.finish()
    }

    /// A Pareto chart: bars in the order given (the caller sorts them, largest first) against a left
    /// scale of the total, and the cumulative percentage as a line against the right scale (0–100 %),
    /// the two scales aligned, with the 80 % mark dashed.
    public static func pareto(title: String, categories: [String], counts: Series, cumulativeName: String) -> String {
        var canvas = Canvas(title: title)
        let plot = canvas.plot
        let total = categories.indices.reduce(0) { $0 + value(counts, $1) }
        let scale = total > 0 ? total : 1
        canvas.rightAxis(marks: [0, 25, 50, 75, 100])
        canvas.polyline(
            [(plot.minX, plot.maxY - plot.height * 0.8), (plot.maxX, plot.maxY - plot.height * 0.8)],
            colour: "#9ca3af", dashed: true)
        let slot = plot.width / Double(max(categories.count, 1))
        var running = 0.0
        var points: [(x: Double, y: Double, share: Double)] = []
        for (index, category) in categories.enumerated() {
            let count = value(counts, index)
            running += count
            let share = running / scale * 100
            let height = plot.height * count / scale
            let x = plot.minX + slot * Double(index) + slot * 0.1
            canvas.categoryLabel(category, x: x + slot * 0.4, every: 1, index: index)
            canvas.bar(
                x: x, width: slot * 0.8, height: height, colour: palette[0],
                tooltip: "\(category) · \(counts.name): \(label(counts, index))")
            // Inside the bar when it has room: above it, the cumulative line would run through the label.
            let inside = height > 18
            canvas.text(
                label(counts, index), x: x + slot * 0.4, y: plot.maxY - height + (inside ? 14 : -4), anchor: "middle",
                colour: inside ? "#ffffff" : "#374151")
            points.append((x + slot * 0.4, plot.maxY - plot.height * share / 100, share))
        }
        canvas.polyline(points.map { ($0.x, $0.y) }, colour: palette[1], dashed: false)
        for (index, point) in points.enumerated() {
            canvas.dot(
                x: point.x, y: point.y, colour: palette[1],
                tooltip: "\(categories[index]) · \(cumulativeName): \(number(point.share))%")
        }
        canvas.baseline()
        canvas.legend([(counts.name, palette[0], false), (cumulativeName, palette[1], true)])
        return canvas.finish()
    }

    /// A band per category from `low` to `high` on the fixed `scale`, with `mark` drawn across it: the zone of
    /// tolerance (adequate to desired service) and the perceived level. A mark below its band is drawn in
    /// vermillion (service failure), above it in blue (delight), inside it in green. A category whose values are
    /// not numbers (nobody answered) is left empty.
    public static func band(
        title: String, categories: [String], low: Series, high: Series, mark: Series, scale: ClosedRange<Double>
    ) -> String {
        var canvas = Canvas(title: title)
        let plot = canvas.plot
        let span = max(scale.upperBound - scale.lowerBound, 1)
        func y(_ value: Double) -> Double {
            plot.maxY - plot.height * (min(max(value, scale.lowerBound), scale.upperBound) - scale.lowerBound) / span
        }
        canvas.grid(low: scale.lowerBound, high: scale.upperBound, label: number)
        let slot = plot.width / Double(max(categories.count, 1))
        for (index, category) in categories.enumerated() {
            let centre = plot.minX + slot * (Double(index) + 0.5)
            canvas.categoryLabel(category, x: centre, every: 1, index: index)
            let values = [low, high, mark].map { index < $0.values.count ? $0.values[index] : .nan }
            guard values.allSatisfy(\.isFinite) else { continue }
            let (bottom, top, level) = (values[0], values[1], values[2])
            canvas.rect(
                x: centre - slot * 0.3, y: y(top), width: slot * 0.6, height: max(y(bottom) - y(top), 1),
                colour: "#cfe3f3",
                tooltip: "\(category) · \(low.name) \(label(low, index)) – \(high.name) \(label(high, index))")
            let colour = level < bottom ? palette[5] : level > top ? palette[0] : palette[2]
            canvas.polyline(
                [(centre - slot * 0.35, y(level)), (centre + slot * 0.35, y(level))], colour: colour, dashed: false)
            canvas.dot(
                x: centre, y: y(level), colour: colour, tooltip: "\(category) · \(mark.name): \(label(mark, index))")
            canvas.text(label(mark, index), x: centre + slot * 0.38, y: y(level) + 4, anchor: "start")
        }
        canvas.baseline()
        canvas.legend([(low.name + " – " + high.name, "#cfe3f3", false), (mark.name, palette[2], true)])
        return canvas.finish()
    }

    /// Text made safe inside SVG (or HTML) text and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A number to at most one decimal, without a trailing `.0`, the same on every machine.
    static func number(_ value: Double) -> String {
        let text = String(format: "%.1f", value)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// The smallest 1, 2 or 5 × 10ⁿ at or above `value` (at least 1), so grid lines fall on round numbers.
    static func niceCeiling(_ value: Double) -> Double {
        guard value > 1 else { return 1 }
        let magnitude = pow(10, (log10(value)).rounded(.down))
        for step in [1.0, 2, 5, 10] where step * magnitude >= value { return step * magnitude }
        return 10 * magnitude
    }

    /// Colour-blind-safe hues (Okabe–Ito), as attributes: a page's style policy allows no inline style.
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]

    private static func value(_ series: Series, _ index: Int) -> Double {
        index < series.values.count ? max(0, series.values[index]) : 0
    }

    private static func label(_ series: Series, _ index: Int) -> String {
        index < series.labels.count ? series.labels[index] : ""
    }

    /// The SVG being written: a fixed 640 × 300 view box with room for labels around the plot.
    private struct Canvas {
        static let width = 640.0, height = 300.0
        let plot = (minX: 56.0, maxX: 584.0, minY: 24.0, maxY: 232.0, width: 528.0, height: 208.0)
        private var body: String

        init(title: String) {
            body =
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(number(Self.width)) \(number(Self.height))\" "
                + "class=\"chart\" role=\"img\" aria-label=\"\(escape(title))\" font-family=\"sans-serif\" "
                + "font-size=\"11\"><title>\(escape(title))</title>"
        }

        mutating func bar(x: Double, width: Double, height: Double, colour: String, tooltip: String) {
            rect(x: x, y: plot.maxY - height, width: width, height: height, colour: colour, tooltip: tooltip)
        }

        mutating func rect(x: Double, y: Double, width: Double, height: Double, colour: String, tooltip: String) {
            body +=
                "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(width))\" "
                + "height=\"\(number(height))\" fill=\"\(colour)\"><title>\(escape(tooltip))</title></rect>"
        }

        mutating func dot(x: Double, y: Double, colour: String, tooltip: String) {
            body +=
                "<circle cx=\"\(number(x))\" cy=\"\(number(y))\" r=\"3\" fill=\"\(colour)\">"
                + "<title>\(escape(tooltip))</title></circle>"
        }

        mutating func polyline(_ points: [(Double, Double)], colour: String, dashed: Bool) {
            guard !points.isEmpty else { return }
            let list = points.map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " ")
            body +=
                "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\""
                + (dashed ? " stroke-dasharray=\"4 4\"" : "") + "/>"
        }

        mutating func text(_ text: String, x: Double, y: Double, anchor: String, colour: String = "#374151") {
            body +=
                "<text x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"\(anchor)\" fill=\"\(colour)\">"
                + "\(escape(text))</text>"
        }

        /// A category's name under the plot, shortened to 12 characters (the bar's tooltip has it whole).
        mutating func categoryLabel(_ label: String, x: Double, every: Int, index: Int) {
            guard index % every == 0 else { return }
            let short = label.count > 12 ? String(label.prefix(11)) + "…" : label
            text(short, x: x, y: plot.maxY + 16, anchor: "middle")
        }

        /// The axis line at `y` (the zero of the scale; the bottom of the plot unless values go below zero).
        mutating func baseline(at y: Double? = nil) {
            let y = number(y ?? plot.maxY)
            body +=
                "<line x1=\"\(number(plot.minX))\" y1=\"\(y)\" x2=\"\(number(plot.maxX))\" "
                + "y2=\"\(y)\" stroke=\"#6b7280\"/>"
        }

        /// Four grid lines over the plot, a quarter of the scale from `low` to `high` apart, labelled on the left.
        mutating func grid(low: Double, high: Double, label: (Double) -> String) {
            for step in 1...4 {
                let y = plot.maxY - plot.height * Double(step) / 4
                body +=
                    "<line x1=\"\(number(plot.minX))\" y1=\"\(number(y))\" x2=\"\(number(plot.maxX))\" "
                    + "y2=\"\(number(y))\" stroke=\"#e5e7eb\"/>"
                text(label(low + (high - low) * Double(step) / 4), x: plot.minX - 6, y: y + 4, anchor: "end")
            }
        }

        /// Percentage marks on the right of the plot.
        mutating func rightAxis(marks: [Double]) {
            for mark in marks {
                text(
                    number(mark) + "%", x: plot.maxX + 6, y: plot.maxY - plot.height * mark / 100 + 4,
                    anchor: "start")
            }
        }

        /// The series' names under the chart, each after its colour (a line or a square).
        mutating func legend(_ items: [(name: String, colour: String, line: Bool)]) {
            var x = plot.minX
            let y = Self.height - 24
            for item in items {
                if item.line {
                    body +=
                        "<line x1=\"\(number(x))\" y1=\"\(number(y - 4))\" x2=\"\(number(x + 12))\" "
                        + "y2=\"\(number(y - 4))\" stroke=\"\(item.colour)\" stroke-width=\"2\"/>"
                } else {
                    body +=
                        "<rect x=\"\(number(x))\" y=\"\(number(y - 10))\" width=\"12\" height=\"12\" "
                        + "fill=\"\(item.colour)\"/>"
                }
                text(item.name, x: x + 16, y: y, anchor: "start")
                x += 16 + Double(min(item.name.count, 24)) * 8 + 16
            }
        }

        func finish() -> String { body + "</svg>" }
    }
}
