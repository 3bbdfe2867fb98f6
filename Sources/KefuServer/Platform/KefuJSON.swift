import Foundation
import Hummingbird
import KefuCore
import KefuStore
import Logging
import NIOCore

/// JSON as the API writes it: RFC 3339 UTC times, stable key order.
enum KefuJSON {
    /// Reads an RFC 3339 time (fractional seconds allowed) within years 1–9999 (`StorableDate`).
    @Sendable static func decodeTime(_ decoder: any Decoder) throws -> Date {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        let formatter = ISO8601DateFormatter()
        var date = formatter.date(from: text)
        if date == nil {
            formatter.formatOptions.insert(.withFractionalSeconds)
            date = formatter.date(from: text)
        }
        guard let date, StorableDate.contains(date) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription:
                    "Expected an RFC 3339 time between the years 1 and 9999, such as 2026-05-01T09:30:00Z.")
        }
        return date
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
