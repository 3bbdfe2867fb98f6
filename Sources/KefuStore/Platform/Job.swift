public import Foundation

/// One row of the `jobs` table as the worker sees it (DESIGN.md "Jobs"): what to do (`kind`, `payload`), when
/// (`runAt`), under which unique key, and how its attempts went.
public struct Job: Sendable, Equatable {
    public var id: UUID
    public var kind: String
    /// Names the job's one firing (e.g. `sla:<ticket-id>:first_response:breach`); see `JobQueue`.
    public var key: String
    /// JSON text; `payload(as:)` decodes it.
    public var payload: String
    public var runAt: Date
    /// Attempts started, counted when a worker claims the job (an attempt whose worker died counts too).
    public var attempts: Int
    public var maxAttempts: Int
    public var status: JobStatus
    /// Until when the job is not claimable: the lease of the worker holding it, or a failed attempt's backoff.
    public var lockedUntil: Date?
    /// The lease holder: the worker instance and its claim; kept on a finished job to tell who ran it.
    public var lockedBy: String?
    public var lastError: String?
    public var createdAt: Date
    public var updatedAt: Date

    /// The payload decoded as `type`.
    public func payload<T: Decodable>(as type: T.Type) throws -> T {
        try StoreJSON.decode(type, from: payload)
    }
}

/// Where a job stands. Finished jobs are kept, done or dead: their key is what makes a second enqueue a no-op.
public enum JobStatus: String, Sendable, Codable, CaseIterable {
    /// Waiting for its `runAt`, claimed by a worker, or waiting out the backoff after a failed attempt.
    case pending
    /// Ran: its handler's writes committed together with this status.
    case done
    /// Gave up after its last attempt, or at once on a `PermanentJobFailure`; `lastError` says why.
    case dead
}

/// A `jobs` row.
struct JobRow: Codable {
    var id: UUID
    var kind: String
    var unique_key: String
    var payload: String
    var run_at: Date
    var attempts: Int
    var max_attempts: Int
    var status: String
    var locked_until: Date?
    var locked_by: String?
    var last_error: String?
    var created_at: Date
    var updated_at: Date

    func job() throws -> Job {
        guard let status = JobStatus(rawValue: status) else {
            throw StoreError.corrupt("job \(id) has the unknown status \(status)")
        }
        return Job(
            id: id, kind: kind, key: unique_key, payload: payload, runAt: run_at, attempts: attempts,
            maxAttempts: max_attempts, status: status, lockedUntil: locked_until, lockedBy: locked_by,
            lastError: last_error, createdAt: created_at, updatedAt: updated_at)
    }
}
