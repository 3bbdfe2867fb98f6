import Foundation

/// The `yyyy-MM-ddTHH:mm` of a `datetime-local` input, read and written in the business's time
/// zone (browsers send it without one).
enum LocalTime {
    static func date(_ text: String, timeZone: String) -> Date? {
        formatter(timeZone).date(from: text.trimmingCharacters(in: .whitespaces))
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
