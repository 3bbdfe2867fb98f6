public import Foundation

/// Turns an uploaded or imported file into text without asking the user which encoding it is in.
///
/// Files come from Excel: "CSV UTF-8" starts with a byte-order mark, while a Chinese Excel's plain
/// "CSV" is GBK, which GB18030 contains. UTF-8 is tried first because GBK text is almost never
/// valid UTF-8; a file that is neither is refused with instructions for re-saving it, rather than
/// imported as mojibake.
public enum TextDecoding {
    /// The encoding a file turned out to be in, worth showing in an import summary.
    public enum Encoding: String, Sendable, Equatable, CaseIterable {
        case utf8 = "UTF-8"
        case utf8WithBOM = "UTF-8 with BOM"
        case gb18030 = "GB18030"
        case utf16LittleEndian = "UTF-16LE"
        case utf16BigEndian = "UTF-16BE"
    }

    /// Decoded text and the encoding it was found in.
    public struct Decoded: Sendable, Equatable {
        public var text: String
        public var encoding: Encoding

        public init(text: String, encoding: Encoding) {
            self.text = text
            self.encoding = encoding
        }
    }

    /// Why a file could not be read as text; `message` tells the user how to fix it, in English and Chinese.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
        /// Neither UTF-8 nor GB18030; `line` is where the first byte that is not UTF-8 sits.
        case unsupportedEncoding(line: Int)
        /// A UTF-8 or UTF-16 byte-order mark followed by bytes that are not in that encoding.
        case corrupt(encoding: Encoding, line: Int)
        /// A NUL byte: no text CSV holds one, and PostgreSQL cannot store it as text.
        case nulByte(line: Int)

        /// Stable code for localisation and problem+json.
        public var code: String {
            switch self {
            case .unsupportedEncoding: "unsupported_encoding"
            case .corrupt: "corrupt_text"
            case .nulByte: "nul_byte"
            }
        }

        public var message: String {
            let problem =
                switch self {
                case .unsupportedEncoding(let line):
                    "The file is neither UTF-8 nor GB18030 text (first unreadable byte on line \(line))."
                case .corrupt(let encoding, let line):
                    "The file says it is \(encoding.rawValue) but is damaged (first bad byte on line \(line))."
                case .nulByte(let line):
                    "The file contains NUL bytes (the first on line \(line)); it is not a text CSV file."
                }
            return problem + " " + TextDecoding.resaveHint
        }

        public var description: String { message }
        public var errorDescription: String? { message }
    }

    /// How to re-save a spreadsheet so that it imports, in both UI languages.
    public static let resaveHint =
        "In Excel, choose File › Save As › \"CSV UTF-8 (Comma delimited) (*.csv)\" and "
        + "import the new file. 请在 Excel 中选择 文件 › 另存为 › \"CSV UTF-8(逗号分隔)(*.csv)\"，再导入新文件。"

    /// Foundation's identifier for GB18030 (CoreFoundation's kCFStringEncodingGB_18030_2000).
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// Decodes a whole file to a `String`.
    public static func decode(_ bytes: [UInt8]) throws(Failure) -> Decoded {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = bytes[3...]
            guard let text = String(validating: body, as: UTF8.self) else {
                throw .corrupt(encoding: .utf8WithBOM, line: line(of: firstInvalidUTF8(body), in: body))
            }
            return Decoded(text: text, encoding: .utf8WithBOM)
        }
        if let utf16 = try utf16(bytes) { return utf16 }
        if let text = String(validating: bytes, as: UTF8.self) { return Decoded(text: text, encoding: .utf8) }
        if let text = String(data: Data(bytes), encoding: gb18030) { return Decoded(text: text, encoding: .gb18030) }
        throw .unsupportedEncoding(line: line(of: firstInvalidUTF8(bytes[...]), in: bytes[...]))
    }

    public static func decode(_ data: Data) throws(Failure) -> Decoded {
        try decode([UInt8](data))
    }

    /// The whole file as UTF-8 bytes without a byte-order mark, read through `UTF8Stream` in one
    /// piece; an import streams instead.
    public static func utf8Bytes(_ bytes: [UInt8]) throws -> (bytes: [UInt8], encoding: Encoding) {
        var stream = UTF8Stream(InMemoryBytes(bytes, pieceSize: bytes.count))
        var utf8: [UInt8] = []
        while let piece = try stream.next() { utf8 += piece }
        return (utf8, stream.encoding ?? .utf8)
    }

    private static func utf16(_ bytes: [UInt8]) throws(Failure) -> Decoded? {
        let encoding: Encoding
        let foundation: String.Encoding
        if bytes.starts(with: [0xFF, 0xFE]) {
            (encoding, foundation) = (.utf16LittleEndian, .utf16LittleEndian)
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            (encoding, foundation) = (.utf16BigEndian, .utf16BigEndian)
        } else {
            return nil
        }
        guard bytes.count % 2 == 0, let text = String(data: Data(bytes[2...]), encoding: foundation) else {
            throw .corrupt(encoding: encoding, line: 1)
        }
        return Decoded(text: text, encoding: encoding)
    }

    /// Index of the first byte that breaks UTF-8 (overlong forms, surrogates and values past
    /// U+10FFFF included), or nil when all of `bytes` is valid.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            let end = buffer.count
            var i = 0
            while i < end {
                // ASCII fast path, eight bytes at a time.
                while i + 8 <= end,
                    UnsafeRawPointer(buffer.baseAddress! + i).loadUnaligned(as: UInt64.self)
                        & 0x8080_8080_8080_8080 == 0
                {
                    i += 8
                }
                guard i < end else { break }
                let lead = buffer[i]
                if lead < 0x80 {
                    i += 1
                    continue
                }
                let length: Int
                var low: UInt8 = 0x80, high: UInt8 = 0xBF  // allowed range of the second byte
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0: (length, low) = (3, 0xA0)
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: (length, high) = (3, 0x9F)
                case 0xF0: (length, low) = (4, 0x90)
                case 0xF1...0xF3: length = 4
                case 0xF4: (length, high) = (4, 0x8F)
                default: return bytes.startIndex + i
                }
                guard i + length <= end, (low...high).contains(buffer[i + 1]) else { return bytes.startIndex + i }
                for k in 2..<length where buffer[i + k] & 0xC0 != 0x80 { return bytes.startIndex + i }
                i += length
            }
            return nil
        }
    }

    /// 1-based line number of `index` in `bytes`.
    static func line(of index: Int?, in bytes: ArraySlice<UInt8>) -> Int {
        guard let index else { return 1 }
        return 1 + bytes[bytes.startIndex..<index].lazy.filter { $0 == 0x0A }.count
    }
}
