/// The human number of a ticket, `T-000001`: a per-business sequence, never reused, zero-padded to six
/// digits so numbers sort and read alike in the usual range, and simply longer past 999999.
public struct TicketNumber: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The sequence number, from 1.
    public let sequence: Int

    public static let prefix = "T-"
    public static let minimumDigits = 6

    /// Nil for a sequence below 1: the store counts from 1.
    public init?(sequence: Int) {
        guard sequence >= 1 else { return nil }
        self.sequence = sequence
    }

    /// Reads the number back from its text. Surrounding white space and a lower-case `t` are accepted, since
    /// people type numbers into search boxes; otherwise only the canonical form parses (`T-1` and
    /// `T-0000001` do not), so one ticket has exactly one spelling.
    public init?(parsing text: String) {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.uppercased().hasPrefix(Self.prefix) else { return nil }
        let digits = trimmed.dropFirst(Self.prefix.count)
        guard digits.allSatisfy(\.isASCIIDigit), let value = Int(digits), let number = TicketNumber(sequence: value),
            number.digits == digits
        else { return nil }
        self = number
    }

    public var description: String { Self.prefix + digits }

    private var digits: String {
        let plain = String(sequence)
        return String(repeating: "0", count: max(0, Self.minimumDigits - plain.count)) + plain
    }

    public static func < (lhs: TicketNumber, rhs: TicketNumber) -> Bool { lhs.sequence < rhs.sequence }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let number = TicketNumber(parsing: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "\"\(text)\" is not a ticket number."))
        }
        self = number
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
