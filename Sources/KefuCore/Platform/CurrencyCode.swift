/// ISO 4217 codes as Kefu takes them: three upper-case ASCII letters (`CNY`, `USD`). Money is kept
/// in minor units beside its code, so a code is all a business or a purchase names.
public enum CurrencyCode {
    public static func isValid(_ code: String) -> Bool {
        code.count == 3 && code.allSatisfy { $0.isASCII && $0.isUppercase }
    }
}
