/// Cuts the quoted history from a reply, so a ticket shows what the customer wrote this time and not
/// the whole thread again (the full text stays on the message).
///
/// The reply ends at the first line that starts a quote, in the shapes Chinese and Western mailers
/// write:
/// - a separator: QQ Mail's `------------------ 原始邮件 ------------------`, Outlook-zh's
///   `-----原始邮件-----`, `-----Original Message-----`, `------------------ Original ------------------`,
///   163's `---- 回复的原邮件 ----`;
/// - an attribution ending in `写道：`/`写道:` (Foxmail and 163's `在 2026-12-02 10:00，"王小明" <…> 写道：`,
///   Gmail-zh's `王小明 <…> 于2026年12月2日周三 10:00写道：`) or an English `On … wrote:`, also when the
///   mailer wrapped it over two lines;
/// - Outlook's header block: a `From:`/`发件人:` line followed within three lines by `Sent:`/`Date:`/
///   `发送时间:`/`日期:` (with the `____` rule above it, if any);
/// - a trailing block of `>` lines (quotes between the customer's own lines are kept: an inline answer).
///
/// When nothing would be left (a forward with nothing typed above it), the full text is kept.
public enum QuotedHistory {
    public static func cut(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let plainLines = lines.map(plain)
        var end = lines.count
        for index in lines.indices where startsQuote(plainLines, at: index) {
            end = index
            break
        }
        end = withoutTrailingQuotes(lines, end: end)
        // A rule of underscores or dashes just above the cut belongs to it.
        while end > 0, isRule(lines[end - 1]) || lines[end - 1].isBlank { end -= 1 }
        let reply = lines[..<end].joined(separator: "\n").trimmingWhitespace()
        return reply.isEmpty ? text.trimmingWhitespace() : reply
    }

    /// `lines` are `plain` already.
    private static func startsQuote(_ lines: [String], at index: Int) -> Bool {
        let line = lines[index]
        if isSeparator(line) || isOutlookHeader(lines, at: index) { return true }
        guard line.count <= 300 else { return false }
        if isChineseAttribution(line) || isEnglishAttribution(line) { return true }
        // An attribution wrapped over two lines: this one opens it, the next closes it.
        guard index + 1 < lines.count, line.hasPrefix("在") || line.hasPrefix("On ") else { return false }
        let next = lines[index + 1]
        return next.count <= 200 && (isChineseAttribution(line + next) || isEnglishAttribution(line + " " + next))
    }

    /// The line without surrounding blanks or the `*…*` bold marks of Outlook's text alternative.
    private static func plain(_ line: Substring) -> String {
        var text = line.trimmingWhitespace()
        text.removeAll { $0 == "*" }
        return text
    }

    private static func isSeparator(_ line: String) -> Bool {
        guard line.hasPrefix("--") || line.hasPrefix("——") else { return false }
        let words = line.split { $0 == "-" || $0 == "—" || $0.isWhitespace }.joined(separator: " ").lowercased()
        return ["原始邮件", "原邮件", "回复的原邮件", "original", "original message", "原始郵件"].contains(words)
    }

    /// `写道：` at the end, a sign of an attribution (`在` first, `于` before the date, or an address),
    /// and a date or an address in it: "他在信里写道：" is the customer's own sentence.
    private static func isChineseAttribution(_ line: String) -> Bool {
        guard ["写道：", "写道:", "寫道：", "寫道:"].contains(where: line.hasSuffix),
            line.hasPrefix("在") || line.contains("于") || line.contains("<")
        else { return false }
        return hasDateOrAddress(line)
    }

    private static func isEnglishAttribution(_ line: String) -> Bool {
        line.hasPrefix("On ") && line.hasSuffix("wrote:") && hasDateOrAddress(line)
    }

    private static func hasDateOrAddress(_ line: String) -> Bool {
        line.contains("@") || line.contains { $0.isASCII && $0.isNumber }
    }

    private static func isOutlookHeader(_ lines: [String], at index: Int) -> Bool {
        let fromLabels = ["From:", "发件人:", "发件人：", "寄件者:", "寄件者："]
        let dateLabels = ["Sent:", "Date:", "发送时间:", "发送时间：", "日期:", "日期：", "寄件日期:", "寄件日期："]
        let line = lines[index]
        guard fromLabels.contains(where: line.hasPrefix) else { return false }
        return lines[(index + 1)..<min(index + 4, lines.count)].contains { candidate in
            dateLabels.contains(where: candidate.hasPrefix)
        }
    }

    /// Where the text ends without a final block of `>` lines (and the blank lines around it).
    private static func withoutTrailingQuotes(_ lines: [Substring], end: Int) -> Int {
        var cut = end
        while cut > 0, lines[cut - 1].isBlank { cut -= 1 }
        var start = cut
        while start > 0, lines[start - 1].hasPrefix(">") || (lines[start - 1].isBlank && start < cut) { start -= 1 }
        guard start < cut, lines[start..<cut].contains(where: { $0.hasPrefix(">") }) else { return end }
        return start
    }

    private static func isRule(_ line: Substring) -> Bool {
        let trimmed = line.trimmingWhitespace()
        return trimmed.count >= 5 && trimmed.allSatisfy { $0 == "_" || $0 == "-" || $0 == "—" }
    }
}
