import Foundation
@testable import KefuStore
import KefuTestSupport
import NIOConcurrencyHelpers
import SQLKit
import Testing

@Suite("Group commit")
struct GroupCommitTests {
    /// Units that wait while a batch commits are written in the next one, together; a unit that throws and a
    /// unit whose statement fails (which aborts the whole transaction on PostgreSQL, short of its savepoint) are
    /// rolled back and fail alone, and their neighbours commit.
    @Test(arguments: Engine.available)
    func waitingUnitsCommitTogetherAndAFailingUnitFailsAlone(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let commit = GroupCommit { database.db }
            _ = try await commit.write(insert("probe-taken"))
            let batches = NIOLockedValueBox<[Int]>([])
            let units = [
                Probe(batches: batches, body: insert("probe-1")),
                Probe(batches: batches, body: insert("probe-2")),
                Probe(batches: batches) { tx in
                    _ = try await insert("probe-3")(tx)
                    throw Refused()
                },
                Probe(batches: batches, body: insert("probe-taken")),
                Probe(batches: batches, body: insert("probe-5")),
            ]
            let results = try await nextBatch(of: units, with: RecordingWriter.self, on: commit)
            #expect(batches.withLockedValue { $0 } == [5])
            for index in [0, 1, 4] { #expect(throws: Never.self, "unit \(index)") { try results[index].get() } }
            #expect(throws: Refused.self) { try results[2].get() }
            #expect(throws: (any Error).self) { try results[3].get() }
            #expect(try await probes(in: database) == ["probe-1", "probe-2", "probe-5", "probe-taken"])
        }
    }

    /// A caller is answered only once its unit has committed: another process's connection sees the row at once.
    @Test(arguments: Engine.available)
    func anAcknowledgedUnitHasCommitted(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let commit = GroupCommit { database.db }
            let elsewhere = try KefuDatabase(location: database.location)
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<20 {
                        group.addTask {
                            let name = "probe-\(index)"
                            _ = try await commit.write(insert(name))
                            let seen = try await elsewhere.db.sql.select().column("name").from("sequences")
                                .where("name", .equal, name).all()
                            #expect(seen.count == 1, "\(name)")
                        }
                    }
                    try await group.waitForAll()
                }
            } catch {
                await elsewhere.shutdown()
                throw error
            }
            await elsewhere.shutdown()
        }
    }

    /// A commit that fails (here a deferred foreign key, checked only at COMMIT) fails every unit of its batch,
    /// also those whose own writes were fine, and leaves none of their rows; the next batch commits as usual.
    @Test(arguments: Engine.available)
    func aFailedCommitFailsEveryUnitOfTheBatch(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            try await database.execute("CREATE TABLE probe_parents (id INTEGER PRIMARY KEY)")
            try await database.execute(
                """
                CREATE TABLE probe_children (id INTEGER PRIMARY KEY,
                  parent_id INTEGER REFERENCES probe_parents (id) DEFERRABLE INITIALLY DEFERRED)
                """)
            let commit = GroupCommit { database.db }
            let orphan: SavepointWriter<Int>.Unit = { tx in
                try await tx.raw("INSERT INTO probe_children (id, parent_id) VALUES (1, 42)").run()
                return 1
            }
            let results = try await nextBatch(
                of: [insert("probe-1"), orphan, insert("probe-2")], with: SavepointWriter<Int>.self, on: commit)
            for result in results { #expect(throws: (any Error).self) { try result.get() } }
            #expect(try await probes(in: database).isEmpty)
            _ = try await commit.write(insert("probe-after"))
            #expect(try await probes(in: database) == ["probe-after"])
        }
    }
}

/// A unit that inserts a row named `name` into `sequences` (a table with a unique name).
private func insert(_ name: String) -> SavepointWriter<Int>.Unit {
    { tx in
        try await tx.insert(into: "sequences").columns("name", "value").values(SQLBind(name), SQLBind(1)).run()
        return 1
    }
}

/// The names of the rows `insert` wrote and that committed, sorted.
private func probes(in database: KefuDatabase) async throws -> [String] {
    struct Row: Decodable { var name: String }
    return try await database.db.sql.select().column("name").from("sequences").where("name", .like, "probe-%")
        .orderBy("name").all(decoding: Row.self).map(\.name)
}

/// Queues `units` while a batch of its own is being written, so that they all wait for the next batch;
/// their results, in order.
private func nextBatch<Writer: BatchWriter>(
    of units: [Writer.Unit], with writer: Writer.Type, on commit: GroupCommit
) async throws -> [Result<Writer.Output, any Error>] {
    let opened = NIOLockedValueBox(false)
    let opener = Task {
        try await commit.write { _ in
            opened.withLockedValue { $0 = true }
            while await commit.waitingCount < units.count { try await Task.sleep(for: .milliseconds(2)) }
            return 0
        }
    }
    while !opened.withLockedValue({ $0 }) { try await Task.sleep(for: .milliseconds(2)) }
    let results = await withTaskGroup(of: (Int, Result<Writer.Output, any Error>).self) { group in
        for (index, unit) in units.enumerated() {
            group.addTask { (index, await Result { try await commit.write(unit, with: writer) }) }
        }
        var results: [Int: Result<Writer.Output, any Error>] = [:]
        for await (index, result) in group { results[index] = result }
        return results
    }
    _ = try await opener.value
    return units.indices.map { results[$0]! }
}

/// A unit of `RecordingWriter`.
private struct Probe: Sendable {
    let batches: NIOLockedValueBox<[Int]>
    let body: SavepointWriter<Int>.Unit
}

/// The default writer, recording how many units each batch gave it.
private enum RecordingWriter: BatchWriter {
    static func write(_ units: [Probe], on tx: any SQLDatabase) async throws -> [Result<Int, any Error>] {
        units.first?.batches.withLockedValue { $0.append(units.count) }
        return try await SavepointWriter.write(units.map(\.body), on: tx)
    }
}

private struct Refused: Error {}
