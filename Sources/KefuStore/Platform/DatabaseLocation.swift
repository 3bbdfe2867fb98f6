import Foundation

/// Where the data lives: an embedded SQLite file (the default) or a PostgreSQL server.
/// Parsed from `--database` / `KEFU_DATABASE_URL`.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case sqliteInMemory
    case postgres(url: String)

    public static let defaultPath = "./kefu.sqlite"

    /// `postgres://…` / `postgresql://…` selects PostgreSQL, `:memory:` an in-memory SQLite
    /// database, anything else (also `sqlite://path` or `file:path`) is a SQLite file path.
    public init(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") {
            self = .postgres(url: trimmed)
        } else if trimmed == ":memory:" {
            self = .sqliteInMemory
        } else if trimmed.hasPrefix("sqlite://") {
            self = .sqlite(path: String(trimmed.dropFirst("sqlite://".count)))
        } else if trimmed.hasPrefix("file:") {
            self = .sqlite(path: String(trimmed.dropFirst("file:".count)))
        } else {
            self = .sqlite(path: trimmed.isEmpty ? Self.defaultPath : trimmed)
        }
    }

    /// The location from an explicit option, else `KEFU_DATABASE_URL`, else `./kefu.sqlite`.
    public static func resolve(option: String?, environment: [String: String]) -> DatabaseLocation {
        if let option, !option.isEmpty { return DatabaseLocation(option) }
        if let fromEnv = environment["KEFU_DATABASE_URL"], !fromEnv.isEmpty { return DatabaseLocation(fromEnv) }
        return .sqlite(path: defaultPath)
    }

    public var engine: DatabaseEngine {
        if case .postgres = self { return .postgres }
        return .sqlite
    }

    /// Safe to print: a PostgreSQL password is masked.
    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .sqliteInMemory: return ":memory:"
        case .postgres(let url):
            guard var components = URLComponents(string: url) else { return "postgres://…" }
            if components.password != nil { components.password = "***" }
            return components.string ?? "postgres://…"
        }
    }
}
