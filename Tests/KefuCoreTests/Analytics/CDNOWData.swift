import Foundation

@testable import KefuCore

/// The CDNOW summary from `shared/data` beside the repository, located from this file's path so the
/// tests run from any working directory; nil (and the test skips) when it is not there.
enum CDNOWData {
    static func summaries() throws -> [CustomerSummary]? {
        guard let url = location() else { return nil }
        return try CalcCSV(parsing: String(contentsOf: url, encoding: .utf8)).summaries()
    }

    static func location() -> URL? {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        // Walk up to the package root (the folder holding Package.swift), then to ../shared/data.
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                let file = directory.deletingLastPathComponent()
                    .appendingPathComponent("shared/data/cdnow_summary_monetary.csv")
                if FileManager.default.fileExists(atPath: file.path) { return file }
                print("CDNOW tests skipped: \(file.path) is missing")
                return nil
            }
            directory.deleteLastPathComponent()
        }
        print("CDNOW tests skipped: no Package.swift above \(#filePath)")
        return nil
    }
}
