public import Foundation
import SQLKit

/// The open transaction a job's handler runs in. The job is marked done in it too, so the handler's writes and
/// the job's completion commit together or not at all: a worker that dies mid-job leaves neither, and the job
/// runs again once its lease has run out. (A job with an effect outside the database has two: one to prepare
/// the `JobEffect`, one to record its result with the completion.) Store code that takes part writes through
/// `sql`; nothing else may write while it is open (on SQLite another connection would wait for this
/// transaction's write lock), and nothing slow may happen in it: a call to another server belongs in a
/// `JobEffect`.
public struct JobTransaction: Sendable {
    let sql: any SQLDatabase
    /// The time the attempt started, from the database's clock.
    public let now: Date
}

/// Thrown by a handler (or the worker) when another attempt cannot help (a payload that does not decode, a kind
/// nobody handles): the job goes dead at once, with `reason` as its last error.
public struct PermanentJobFailure: Error, CustomStringConvertible, Sendable {
    public var reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}
