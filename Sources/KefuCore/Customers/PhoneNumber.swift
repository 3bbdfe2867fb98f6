import Foundation

/// Normalises phone numbers to E.164 so that one number typed many ways identifies one customer.
///
/// Chinese numbers are the common case (default region `CN`): a mobile `13800138000`,
/// `+86 138-0013-8000` or `0086 13800138000` all become `+8613800138000`; a landline `010-12345678`
/// becomes `+861012345678`. Other regions drop their trunk prefix `0` (or `1` for NANP).
public enum PhoneNumber {
    /// Calling code and trunk prefix per supported default region.
    static let regions: [String: (code: String, trunk: String)] = [
        "CN": ("86", "0"), "HK": ("852", ""), "MO": ("853", ""), "TW": ("886", "0"),
        "SG": ("65", ""), "JP": ("81", "0"), "KR": ("82", "0"), "US": ("1", "1"), "CA": ("1", "1"),
        "GB": ("44", "0"), "DE": ("49", "0"), "FR": ("33", "0"), "AU": ("61", "0"),
        "MY": ("60", "0"), "TH": ("66", "0"), "VN": ("84", "0"), "IN": ("91", "0"),
    ]

    /// Region codes accepted as a business's default phone region.
    public static var supportedRegions: [String] { regions.keys.sorted() }

    /// Returns the E.164 form (`+` and 8–15 digits) or nil when `raw` cannot be a phone number.
    public static func normalize(_ raw: String, defaultRegion: String = "CN") -> String? {
        // One pass over the scalars: separators people type are skipped, full-width digits (Chinese input
        // methods type ０–９ as readily as ＋ and －) become ASCII, a leading + is noted, and anything
        // else (letters, extensions) means this is not a phone number.
        var digitBytes: [UInt8] = []
        digitBytes.reserveCapacity(16)
        var plus = false
        for scalar in raw.trimmingWhitespace().unicodeScalars {
            switch scalar {
            case "0"..."9": digitBytes.append(UInt8(scalar.value))
            case "\u{FF10}"..."\u{FF19}": digitBytes.append(UInt8(scalar.value - 0xFF10 + 0x30))
            case " ", "-", "(", ")", ".", "/", "\u{3000}", "－": continue
            case "+", "＋":
                guard digitBytes.isEmpty, !plus else { return nil }
                plus = true
            default: return nil
            }
        }
        var text = String(decoding: digitBytes, as: UTF8.self)
        var international = plus
        if !plus, text.hasPrefix("00") {
            international = true
            text.removeFirst(2)
        }
        guard !text.isEmpty else { return nil }
        let region = regions[defaultRegion.uppercased()] ?? regions["CN"]!
        var digits: String
        if international {
            digits = text
            // "+86 (0)10 …" / "+44 (0)20 …": the national trunk 0 written after the country code is dropped.
            if let trunkCode = regions.values.first(where: { $0.trunk == "0" && text.hasPrefix($0.code + "0") })?.code {
                digits = trunkCode + text.dropFirst(trunkCode.count + 1)
            }
        } else if defaultRegion.uppercased() == "CN", text.count == 13, text.hasPrefix("861") {
            digits = text  // 86 + mobile, typed without the plus
        } else {
            var national = Substring(text)
            if !region.trunk.isEmpty, national.hasPrefix(region.trunk) {
                national = national.dropFirst(region.trunk.count)
            }
            digits = region.code + national
        }
        guard digits.first != "0", (8...15).contains(digits.count) else { return nil }
        if digits.hasPrefix("86"), !isPlausibleChinese(String(digits.dropFirst(2))) { return nil }
        return "+" + digits
    }

    /// Chinese mobiles are 11 digits starting 13–19; landlines are an area code (10, 2x or 3–9xx) and 7–8 digits.
    static func isPlausibleChinese(_ national: String) -> Bool {
        if national.hasPrefix("1"), national.count == 11 {
            return national.dropFirst().first.map { "3456789".contains($0) } ?? false
        }
        if national.hasPrefix("10") || national.hasPrefix("2") { return (9...10).contains(national.count) }
        return (10...11).contains(national.count) && !national.hasPrefix("1") && !national.hasPrefix("0")
    }
}
