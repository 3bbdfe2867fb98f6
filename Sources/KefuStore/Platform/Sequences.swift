import SQLKit

/// Named counters that never hand out a value twice (ticket numbers `T-000001`, …): one row per
/// name, bumped inside the caller's transaction, so a rolled-back number is reused but a committed
/// one never is. On PostgreSQL the row lock orders concurrent transactions.
enum Sequences {
    /// The next value of `name`, starting at 1.
    static func next(_ name: String, on tx: any SQLDatabase) async throws -> Int64 {
        struct Value: Decodable { var value: Int64 }
        let row = try await tx.raw(
            """
            INSERT INTO sequences (name, value) VALUES (\(bind: name), 1)
            ON CONFLICT (name) DO UPDATE SET value = sequences.value + 1
            RETURNING value
            """
        ).first(decoding: Value.self)
        guard let row else { throw StoreError.corrupt("sequence \(name) returned no value") }
        return row.value
    }
}
