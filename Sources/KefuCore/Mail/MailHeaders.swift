import Foundation

/// The header section of a message or a MIME part (RFC 5322 §2.2): fields in their order, repeated
/// ones kept, looked up without regard to case.
///
/// Values are unfolded (the line breaks of folding removed, the white space after them kept) and
/// trimmed, but otherwise raw: encoded words are decoded by the accessors that know a field's
/// syntax. Raw 8-bit bytes, which Chinese mailers still put in headers, are read as UTF-8 when
/// valid, else GB18030.
public struct MailHeaders: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public var fields: [Field]

    public init(_ fields: [Field] = []) {
        self.fields = fields
    }

    /// The first value of `name`, or nil.
    public subscript(_ name: String) -> String? {
        fields.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// Every value of `name`, in order.
    public func all(_ name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }

    /// Reads a header section; nil when its first line is not a header field (the bytes are not a
    /// message). Lines that are neither fields nor continuations later on are skipped.
    static func parse(_ section: ArraySlice<UInt8>) -> MailHeaders? {
        var fields: [Field] = []
        var current: (name: String, value: [UInt8])?
        func finish() {
            guard let field = current else { return }
            fields.append(
                Field(name: field.name, value: MailCharset.decode(field.value, label: nil).trimmingWhitespace()))
            current = nil
        }
        for line in MailBytes.lines(section) {
            if let first = line.first, first == 0x20 || first == 0x09 {
                current?.value += line
            } else if let colon = line.firstIndex(of: UInt8(ascii: ":")), isFieldName(line[..<colon]) {
                finish()
                let name = String(decoding: line[..<colon], as: UTF8.self).trimmingWhitespace()
                current = (name, Array(line[(colon + 1)...]))
            } else {
                finish()
                if fields.isEmpty { return nil }
            }
        }
        finish()
        return fields.isEmpty ? nil : MailHeaders(fields)
    }

    /// Printable ASCII without a colon; trailing blanks (`Subject :`) are tolerated.
    private static func isFieldName(_ name: ArraySlice<UInt8>) -> Bool {
        var trimmed = name
        while let last = trimmed.last, last == 0x20 || last == 0x09 { trimmed.removeLast() }
        return !trimmed.isEmpty && trimmed.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }
}

extension String {
    fileprivate func caseInsensitiveEquals(_ other: String) -> Bool {
        utf8.count == other.utf8.count && lowercased() == other.lowercased()
    }
}
