import SQLKit

/// Substring search with `LIKE … ESCAPE '\'` on both engines: the text's own `%`, `_` and `\` are
/// escaped, so they match themselves.
enum LikePattern {
    /// `%text%`, escaped.
    static func containing(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        return "%" + escaped + "%"
    }

    /// `column LIKE pattern ESCAPE '\'`.
    static func condition(_ column: SQLColumn, _ pattern: String) -> SQLQueryString {
        SQLQueryString("\(column) LIKE \(bind: pattern) ESCAPE '\\'")
    }
}
