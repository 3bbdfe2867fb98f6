import SQLKit

/// The two engines Kefu runs on. Where their SQL differs (search indexes, pragmas, statistics),
/// code switches on this instead of comparing dialect names.
public enum DatabaseEngine: Sendable {
    case sqlite, postgres
}

extension SQLDatabase {
    /// The engine behind this connection: the one place a dialect's name is read.
    var engine: DatabaseEngine { dialect.name == "sqlite" ? .sqlite : .postgres }
}
