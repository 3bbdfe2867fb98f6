/// The part of a job that happens outside the database and cannot be rolled back (a mail handed to an SMTP
/// server). `JobQueue.runEffect(_:_:)` performs it with no transaction open: holding one across a network
/// conversation would hold SQLite's one write lock, so every other write of the server waits, or keep a
/// PostgreSQL transaction open for as long as the other server takes. A handler prepares it in a first short
/// transaction; its result is recorded in the second, which marks the job done. Such a job runs at least once
/// (see `JobQueue`), so the effect must be safe to repeat.
public struct JobEffect: Sendable {
    /// Writes the outcome of a performed effect, in the transaction that completes the job.
    typealias Record = @Sendable (JobTransaction) async throws -> Void

    let perform: @Sendable () async throws -> Record

    /// `perform` does the outside work and returns its result, which `record` writes in the transaction that marks
    /// the job done. A throw from `perform` is a failed attempt: retried with the backoff, or dead on a
    /// `PermanentJobFailure` or after the last attempt.
    public init<Result: Sendable>(
        perform: @escaping @Sendable () async throws -> Result,
        record: @escaping @Sendable (Result, JobTransaction) async throws -> Void
    ) {
        self.perform = {
            let result = try await perform()
            return { tx in try await record(result, tx) }
        }
    }

    /// An effect whose completion writes nothing but the job's own status.
    public init(perform: @escaping @Sendable () async throws -> Void) {
        self.init(perform: perform, record: { _, _ in })
    }
}
