import Foundation
import Hummingbird
import KefuCore
import Mustache

/// The languages the web UI is served in.
enum Language: String, CaseIterable, Sendable {
    case en
    case zhHans = "zh-Hans"

    static let cookie = "kefu_lang"

    /// The choice remembered in the `kefu_lang` cookie wins; otherwise any `zh*` range in
    /// Accept-Language (with a non-zero q) gets Chinese, everything else English.
    static func negotiate(cookie: String?, acceptLanguage: String?) -> Language {
        if let cookie, let chosen = Language(rawValue: cookie) { return chosen }
        for range in (acceptLanguage ?? "").split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased(), tag.hasPrefix("zh") else { continue }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if quality > 0 { return .zhHans }
        }
        return .en
    }

    static func of(_ request: Request) -> Language {
        negotiate(cookie: request.cookies[cookie]?.value, acceptLanguage: request.headers[.acceptLanguage])
    }

    /// The same language for a mail Kefu writes (an acknowledgement).
    var mail: MailLanguage {
        switch self {
        case .en: .en
        case .zhHans: .zhHans
        }
    }
}

/// One language's UI strings (`Resources/locales/<lang>.json`, flat dotted keys).
struct StringTable: Sendable {
    let entries: [String: String]

    /// The string for `key` with `{name}` placeholders filled; the key itself when missing, so a
    /// gap shows on the page instead of an empty space.
    func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
        var text = entries[key] ?? key
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    func has(_ key: String) -> Bool { entries[key] != nil }
}

/// Lets templates write `{{t.nav.customers}}`: mustache walks the dotted name one segment at a
/// time, so each step returns a node for the longer key and rendering looks the whole key up.
struct StringNode: MustacheParent, MustacheCustomRenderable {
    let table: StringTable
    let key: String

    func child(named name: String) -> Any? { StringNode(table: table, key: key.isEmpty ? name : key + "." + name) }
    var renderText: String { table(key) }
    var isNull: Bool { false }
}
