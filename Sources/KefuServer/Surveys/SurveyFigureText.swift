import Foundation

/// How the survey pages write a figure: one decimal for percentages and NPS, two for means and gaps, "–" for
/// none (no answers to rest on).
enum SurveyFigureText {
    static func percent(_ value: Double?) -> String {
        value.map { String(format: "%.1f %%", $0) } ?? "–"
    }

    static func score(_ value: Double?) -> String {
        value.map { String(format: "%.1f", $0) } ?? "–"
    }

    static func mean(_ value: Double?) -> String {
        value.map { String(format: "%.2f", $0) } ?? "–"
    }
}
