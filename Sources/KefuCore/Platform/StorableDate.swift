public import Foundation

/// The instants Kefu accepts from outside: years 1 to 9999 (UTC). Database drivers convert a
/// `Date` to integer microseconds and trap on overflow, so every date that comes in — a page
/// cursor, a JSON body, a query parameter, a CSV cell — is checked against this range where it
/// enters the program, before it can reach a bind.
public enum StorableDate {
    /// 0001-01-01T00:00:00Z.
    public static let earliest = Date(timeIntervalSince1970: -62_135_596_800)
    /// 9999-12-31T23:59:59.999Z.
    public static let latest = Date(timeIntervalSince1970: 253_402_300_799.999)

    /// True when `date` is finite and within years 1–9999.
    public static func contains(_ date: Date) -> Bool {
        date.timeIntervalSince1970.isFinite && date >= earliest && date <= latest
    }

    /// True when `seconds` since 1970 is a number that makes a storable date.
    public static func contains(secondsSince1970 seconds: Double) -> Bool {
        seconds.isFinite && contains(Date(timeIntervalSince1970: seconds))
    }
}
