import FluentKit
import SQLKit

/// Group commit: concurrent writes share one durable commit.
///
/// On SQLite each commit is an fsync taken by the database's one writer (~3 ms here), so writes
/// committed one by one stop at a few hundred a second however many requests wait. Here write units
/// queue while a transaction commits; the next transaction writes every waiting unit, commits once,
/// and only then answers each caller with its own result: an acknowledged write has committed, and a
/// failed commit fails every unit of its batch. A unit that throws fails alone (its savepoint is
/// rolled back; see `BatchWriter`).
///
/// A unit must use only the transaction it is given: a write on another pooled connection would wait
/// for SQLite's write lock, which its own batch holds. Reads that decide a write belong in the unit.
///
/// PostgreSQL batches too, although one shared transaction puts the batch's statements on one
/// connection, one round trip after another: ticket creates serialise there anyway, on the row lock
/// of the ticket number's `sequences` row until commit, so one transaction each would bring back the
/// wall of one commit per ticket; and customer creates measured 1,004/s batched at 8 connections.
actor GroupCommit {
    private var waiting: [any WaitingUnits] = []
    private var draining = false
    private let database: @Sendable () -> any Database

    init(database: @escaping @Sendable () -> any Database) {
        self.database = database
    }

    /// Units queued for the next batch (a backlog means the database cannot keep up).
    var waitingCount: Int { waiting.reduce(0) { $0 + $1.count } }

    /// Runs `unit` in the next batch under its own savepoint; returns its result once the batch committed.
    func write<Output: Sendable>(_ unit: @escaping SavepointWriter<Output>.Unit) async throws -> Output {
        try await write(unit, with: SavepointWriter<Output>.self)
    }

    /// Queues `unit` for the next batch, written together with the batch's other units of `Writer`;
    /// returns its result once the batch committed.
    func write<Writer: BatchWriter>(_ unit: Writer.Unit, with _: Writer.Type) async throws -> Writer.Output {
        try await withCheckedThrowingContinuation { caller in
            if let index = waiting.firstIndex(where: { $0 is Waiting<Writer> }),
                var units = waiting[index] as? Waiting<Writer>
            {
                units.append(unit, caller)
                waiting[index] = units
            } else {
                var units = Waiting<Writer>()
                units.append(unit, caller)
                waiting.append(units)
            }
            if !draining {
                draining = true
                // Every waiting caller depends on the writer: let it run before new requests' work.
                Task(priority: .high) { await drain() }
            }
        }
    }

    /// Writes batches until no unit waits; units arriving meanwhile join the next batch.
    private func drain() async {
        while !waiting.isEmpty {
            let batch = waiting
            waiting = []
            do {
                let outcomes = try await database().sqlTransaction { tx in
                    var outcomes: [WrittenUnits] = []
                    for units in batch { outcomes.append(try await units.write(on: tx)) }
                    return outcomes
                }
                for outcome in outcomes { outcome.answer() }
                // Units that lost a deadlock to another server go first in the next batch, once this one's
                // locks are released.
                waiting = outcomes.compactMap(\.again) + waiting
            } catch {
                for units in batch { units.fail(error) }
            }
        }
        draining = false
    }
}

/// How the waiting units of one kind are written in a batch's transaction. The default,
/// `SavepointWriter`, runs each unit under its own savepoint; a kind with a faster way to write many
/// at once (customer creates: one multi-row insert per table) brings its own.
protocol BatchWriter {
    associatedtype Unit: Sendable
    associatedtype Output: Sendable

    /// One result per unit, in order, written with `tx` only. A unit that fails leaves nothing behind
    /// (roll back to a savepoint); a throw means the transaction itself is unusable, and the whole
    /// batch fails.
    static func write(_ units: [Unit], on tx: any SQLDatabase) async throws -> [Result<Output, any Error>]
}

/// Each unit is a closure run under its own savepoint: kept when it returns, undone when it throws.
enum SavepointWriter<Output: Sendable>: BatchWriter {
    typealias Unit = @Sendable (any SQLDatabase) async throws -> Output

    static func write(_ units: [Unit], on tx: any SQLDatabase) async throws -> [Result<Output, any Error>] {
        var results: [Result<Output, any Error>] = []
        for unit in units { results.append(try await tx.savepoint(unit)) }
        return results
    }
}

extension SQLDatabase {
    /// Runs `body` under a savepoint of the current transaction: its writes stay when it returns and
    /// are undone when it throws, the rest of the transaction untouched either way. Throws only when the
    /// savepoint itself fails, as the transaction is then unusable.
    func savepoint<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> Result<T, any Error> {
        try await raw("SAVEPOINT unit").run()
        do {
            let value = try await body(self)
            try await raw("RELEASE SAVEPOINT unit").run()
            return .success(value)
        } catch {
            try await raw("ROLLBACK TO SAVEPOINT unit").run()
            try await raw("RELEASE SAVEPOINT unit").run()
            return .failure(error)
        }
    }
}

/// The waiting units of one writer; type-erased so that units of every kind share a batch.
private protocol WaitingUnits: Sendable {
    var count: Int { get }
    /// Writes the units with `tx`; returns what answers their callers once the batch has committed.
    func write(on tx: any SQLDatabase) async throws -> WrittenUnits
    /// Answers every caller with `error`: the batch did not commit.
    func fail(_ error: any Error)
}

/// What a batch did with one writer's units: the answers to give once it has committed, and the units to write
/// again in the next batch — those PostgreSQL chose to break a deadlock with another server's batch
/// (`isLockConflict`), at most `Waiting.maxAttempts` times each.
private struct WrittenUnits: Sendable {
    var answer: @Sendable () -> Void
    var again: (any WaitingUnits)?
}

private struct Waiting<Writer: BatchWriter>: WaitingUnits {
    static var maxAttempts: Int { 5 }

    private var units: [Writer.Unit] = []
    private var callers: [CheckedContinuation<Writer.Output, any Error>] = []
    private var attempts: [Int] = []

    var count: Int { units.count }

    mutating func append(
        _ unit: Writer.Unit, _ caller: CheckedContinuation<Writer.Output, any Error>, attempt: Int = 1
    ) {
        units.append(unit)
        callers.append(caller)
        attempts.append(attempt)
    }

    func write(on tx: any SQLDatabase) async throws -> WrittenUnits {
        let results = try await Writer.write(units, on: tx)
        guard results.count == units.count else {
            throw StoreError.corrupt("\(Writer.self) gave \(results.count) results for \(units.count) units")
        }
        var again = Waiting()
        var answers: [(CheckedContinuation<Writer.Output, any Error>, Result<Writer.Output, any Error>)] = []
        for index in units.indices {
            if case .failure(let error) = results[index], isLockConflict(error), attempts[index] < Self.maxAttempts {
                again.append(units[index], callers[index], attempt: attempts[index] + 1)
            } else {
                answers.append((callers[index], results[index]))
            }
        }
        return WrittenUnits(
            answer: { [answers] in for (caller, result) in answers { caller.resume(with: result) } },
            again: again.count > 0 ? again : nil)
    }

    func fail(_ error: any Error) {
        for caller in callers { caller.resume(throwing: error) }
    }
}
