import Foundation

/// Turns the bytes of a mail header or text part into a `String`, given the charset label the mail
/// claims (or none).
///
/// The converters are Foundation's (`String(data:encoding:)`), which on Linux come from the ICU data
/// that ships inside the Swift toolchain's Foundation: GB18030 (four-byte sequences included), Big5
/// and the other legacy sets decode the same on a fresh Debian machine with only Swift installed,
/// without glibc's gconv modules or `iconv`.
///
/// Labels lie in Chinese mail, so the rules of issue 16 apply: `gb2312` and `gbk` are read as
/// GB18030 (a superset that also holds the characters GBK mailers send under those labels); under
/// `us-ascii`, `iso-8859-1` or `windows-1252` (or no label), 8-bit text that is valid UTF-8 is read as
/// UTF-8, else text that is valid GB18030 as GB18030. A label Foundation cannot decode, or bytes that
/// are not valid in the labelled charset, fall back to that same guess. Decoding never fails: the last
/// resort is Latin-1, which maps every byte.
enum MailCharset {
    /// The text `bytes` hold, read under `label` (a MIME charset name, any case, or nil).
    static func decode(_ bytes: some Collection<UInt8>, label: String?) -> String {
        let bytes = Array(bytes)
        let name = label.map(normalized) ?? ""
        if name.isEmpty || asciiFamily.contains(name) {
            return guess(bytes, fallback: name == "iso-8859-1" || name == "latin1" ? .isoLatin1 : .windowsCP1252)
        }
        if utf8Names.contains(name), let text = String(validating: bytes, as: UTF8.self) { return text }
        if let encoding = encoding(named: name), let text = String(data: Data(bytes), encoding: encoding) {
            return text
        }
        return guess(bytes, fallback: .windowsCP1252)
    }

    /// Labels under which 8-bit bytes are guessed rather than trusted.
    private static let asciiFamily: Set<String> = [
        "us-ascii", "ascii", "ansi_x3.4-1968", "iso-8859-1", "iso8859-1", "latin1", "iso_8859-1", "windows-1252",
        "cp1252", "x-unknown", "unknown-8bit", "default",
    ]

    private static let utf8Names: Set<String> = ["utf-8", "utf8", "x-utf-8"]

    /// Foundation's encoding for a lower-cased label, or nil when it has none worth trusting.
    private static func encoding(named name: String) -> String.Encoding? {
        switch name {
        case "utf-8", "utf8", "x-utf-8": .utf8
        case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "windows-936", "euc-cn", "x-euc-cn", "csgb2312",
            "chinese":
            TextDecoding.gb18030
        case "big5", "x-x-big5", "cn-big5", "big-5", "csbig5", "x-big5", "cp950", "ms950", "windows-950":
            cfEncoding(0x0A03)
        case "big5-hkscs", "big5hkscs": cfEncoding(0x0A06)
        case "utf-16", "utf-16be": .utf16BigEndian
        case "utf-16le": .utf16LittleEndian
        case "iso-8859-2", "latin2": .isoLatin2
        case "iso-8859-15", "latin-9": cfEncoding(0x020F)
        case "windows-1250", "cp1250": .windowsCP1250
        case "windows-1251", "cp1251": .windowsCP1251
        case "koi8-r": cfEncoding(0x0A02)
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "cp932", "windows-31j": .shiftJIS
        case "euc-jp": .japaneseEUC
        case "iso-2022-jp": .iso2022JP
        case "euc-kr", "ks_c_5601-1987", "cp949": cfEncoding(0x0940)
        default: nil
        }
    }

    /// A CoreFoundation encoding number as Foundation spells it (`kCFStringEncoding…` | 0x8000_0000).
    private static func cfEncoding(_ value: UInt) -> String.Encoding { String.Encoding(rawValue: 0x8000_0000 | value) }

    /// ASCII as is; else UTF-8 when valid, GB18030 when valid, else `fallback`, then Latin-1.
    private static func guess(_ bytes: [UInt8], fallback: String.Encoding) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        let data = Data(bytes)
        return String(data: data, encoding: TextDecoding.gb18030) ?? String(data: data, encoding: fallback)
            ?? String(decoding: bytes.map { UInt16($0) }, as: UTF16.self)
    }

    /// `"GBK"` → `gbk`; RFC 2231 language suffixes (`utf-8*zh`) and quotes dropped.
    private static func normalized(_ label: String) -> String {
        var name = label.trimmingWhitespace().lowercased()
        name.removeAll { $0 == "\"" || $0 == "'" }
        if let star = name.firstIndex(of: "*") { name = String(name[..<star]) }
        return name
    }
}
