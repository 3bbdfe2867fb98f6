/// Money is kept in integer minor units (分, cents); people read it with two decimals.
public enum MinorUnits {
    /// `1250` → `"12.50"`, `-5` → `"-0.05"`: exact, no floating point.
    public static func decimalText(_ minor: Int) -> String {
        let magnitude = minor.magnitude
        let cents = magnitude % 100
        return (minor < 0 ? "-" : "") + "\(magnitude / 100)." + (cents < 10 ? "0" : "") + "\(cents)"
    }
}
