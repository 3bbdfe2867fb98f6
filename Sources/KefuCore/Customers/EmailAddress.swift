import Foundation

/// Emails are compared lower-cased; this keeps one spelling per address.
public enum EmailAddress {
    /// Returns the trimmed, lower-cased address, or nil when it is not a plausible address
    /// (one `@`, a non-empty local part, a dotted domain, no spaces).
    public static func normalize(_ raw: String) -> String? {
        // Byte and scalar checks rather than Character ones: imports call this for every row.
        let text = raw.trimmingWhitespace().lowercased()
        let bytes = text.utf8
        let parts = bytes.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, bytes.count <= 254 || text.count <= 254,
            !text.unicodeScalars.contains(where: isForbidden)
        else { return nil }
        let hyphen = UInt8(ascii: "-")
        let labels = parts[1].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.first != hyphen && $0.last != hyphen })
        else { return nil }
        return text
    }

    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ",", ";", "<", ">": true
        default: scalar.isWhitespace
        }
    }
}
