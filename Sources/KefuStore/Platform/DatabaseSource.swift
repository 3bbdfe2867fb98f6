import FluentKit

/// Where a repository gets its database handle. A repository built once for the whole server takes
/// a new handle from the pools for each unit of work, so work spreads over the event loops and
/// their connections; one made inside a transaction uses that transaction's handle.
struct DatabaseSource: Sendable {
    private let make: @Sendable () -> any Database

    /// A fresh handle from `database`'s pools each time.
    init(_ database: KefuDatabase) { make = { database.db } }

    /// Always `db` (a transaction's handle).
    init(fixed db: any Database) { make = { db } }

    var db: any Database { make() }
}
