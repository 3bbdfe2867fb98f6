/// A size in bytes as a page shows it: `512 B`, `12.5 KB`, `3.2 MB` (units of 1024, one decimal).
enum ByteSize {
    static func text(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        let kilobytes = Double(bytes) / 1024
        if kilobytes < 1024 { return one(kilobytes) + " KB" }
        return one(kilobytes / 1024) + " MB"
    }

    private static func one(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
