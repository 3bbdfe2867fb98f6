import Foundation
import KefuCore

/// The `yyyy-MM-ddTHH:mm` of a `datetime-local` input, read and written in the business's time
/// zone (browsers send it without one).
enum LocalTime {
    /// Nil for text that is not such a time, or names one outside the years a date may be stored in.
    static func date(_ text: String, timeZone: String) -> Date? {
        formatter(timeZone).date(from: text.trimmingCharacters(in: .whitespaces)).flatMap {
            StorableDate.contains($0) ? $0 : nil
        }
    }

    static func string(_ date: Date, timeZone: String) -> String { formatter(timeZone).string(from: date) }

    private static func formatter(_ timeZone: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = TimeZone(identifier: timeZone) ?? .gmt
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter
    }
}
