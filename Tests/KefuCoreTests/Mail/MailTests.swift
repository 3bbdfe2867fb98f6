import Foundation
import Testing

/// Parent of the email channel's suites, so `swift test --filter Mail` runs all of them.
@Suite enum MailTests {
    /// The bytes of `Corpus/<name>.eml`.
    static func corpus(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "eml", subdirectory: "Corpus"))
        return try [UInt8](Data(contentsOf: url))
    }
}
