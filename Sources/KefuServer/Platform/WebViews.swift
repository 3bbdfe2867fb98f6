import Foundation
import HTTPTypes
import Hummingbird
import KefuCore
import Mustache

/// The templates, UI strings and static files of the web UI, loaded once from the bundle.
struct WebViews: Sendable {
    let library: MustacheLibrary
    let strings: [Language: StringTable]
    let staticFiles: [String: StaticFile]

    struct StaticFile: Sendable {
        var bytes: [UInt8]
        var contentType: String
    }

    static func load() throws -> WebViews {
        // The package copies the whole `Resources` folder into the bundle.
        guard let root = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw ServerError.missingResource("Resources")
        }
        let files = FileManager.default
        var library = MustacheLibrary()
        let templates = root.appendingPathComponent("templates")
        for name in try files.contentsOfDirectory(atPath: templates.path) where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8)
            try library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        var strings: [Language: StringTable] = [:]
        for language in Language.allCases {
            let url = root.appendingPathComponent("locales/\(language.rawValue).json")
            let data = try Data(contentsOf: url)
            strings[language] = StringTable(entries: try JSONDecoder().decode([String: String].self, from: data))
        }
        var staticFiles: [String: StaticFile] = [:]
        let staticRoot = root.appendingPathComponent("static")
        for name in try files.contentsOfDirectory(atPath: staticRoot.path) {
            let type =
                name.hasSuffix(".css")
                ? "text/css; charset=utf-8"
                : name.hasSuffix(".js") ? "text/javascript; charset=utf-8" : "application/octet-stream"
            staticFiles[name] = StaticFile(
                bytes: Array(try Data(contentsOf: staticRoot.appendingPathComponent(name))),
                contentType: type)
        }
        return WebViews(library: library, strings: strings, staticFiles: staticFiles)
    }

    /// The UI strings in the request's language (API texts such as a notification's follow it too).
    func strings(for request: Request) -> StringTable {
        strings[Language.of(request)] ?? StringTable(entries: [:])
    }

    /// The rendering helper for one request: its language, caller and CSRF token.
    func ui(_ request: Request, _ context: KefuRequestContext) -> WebUI {
        let language = Language.of(request)
        return WebUI(
            views: self, language: language, strings: strings[language] ?? StringTable(entries: [:]),
            path: request.uri.path, query: request.uri.query, identity: context.identity,
            unreadNotifications: context.unreadNotifications)
    }
}
