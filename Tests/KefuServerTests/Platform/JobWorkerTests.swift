import Foundation
import KefuCore
@testable import KefuServer
@testable import KefuStore
import KefuTestSupport
import Logging
import Prometheus
import SQLKit
import ServiceLifecycle
import Testing

/// The job worker Service end to end: it runs what fell due while no server ran, by kind, and kills off what
/// no handler can run.
@Suite("JobWorker")
struct JobWorkerTests {
    struct Ping: Codable { var note: String }

    @Test(arguments: Engine.available)
    func theWorkerRunsRegisteredJobsAtStartAndBuriesWhatNoHandlerCanRun(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            try await database.execute("CREATE TABLE pings (note TEXT NOT NULL)")
            let past = database.clock.now().addingTimeInterval(-3600)
            try await database.db.sqlTransaction { tx in
                for (kind, key, payload) in [
                    ("test.ping", "ping:1", ["note": "早上好"]), ("test.ping", "ping:bad", ["nope": "1"]),
                    ("test.unknown", "unknown:1", [:]),
                ] {
                    try await JobQueue.enqueue(kind: kind, key: key, payload: payload, runAt: past, on: tx, now: past)
                }
            }
            var handlers = JobHandlers()
            handlers.register("test.ping", payload: Ping.self) { ping, tx in
                try await tx.sql.insert(into: "pings").columns("note").values(SQLBind(ping.note)).run()
            }
            let metrics = PrometheusCollectorRegistry()
            let worker = JobWorker(
                queue: JobQueue(database), handlers: handlers, interval: .milliseconds(20), metrics: metrics,
                logger: Logger(label: "test.jobs"))
            let group = ServiceGroup(services: [worker], logger: Logger(label: "test"))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                let queue = JobQueue(database)
                var polls = 0
                while try await !queue.list(status: .pending).items.isEmpty, polls < 1500 {
                    try await Task.sleep(for: .milliseconds(20))
                    polls += 1
                }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            struct Row: Decodable { var note: String }
            let notes = try await database.db.sql.select().column("note").from("pings").all(decoding: Row.self)
            #expect(notes.map(\.note) == ["早上好"])
            let dead = try await JobQueue(database).list(status: .dead).items
            #expect(Set(dead.map(\.key)) == ["ping:bad", "unknown:1"])
            let unknown = try #require(dead.first { $0.key == "unknown:1" })
            #expect(unknown.lastError == "no handler is registered for the job kind test.unknown")
            #expect(unknown.attempts == 1)
            let text = metrics.emitToString()
            #expect(text.contains(#"kefu_jobs_run_total{kind="test.ping"} 1"#))
            #expect(text.contains(#"kefu_jobs_dead_total{kind="test.unknown"} 1"#))
            #expect(text.contains(#"kefu_jobs_dead_total{kind="test.ping"} 1"#))
        }
    }

    @Test(arguments: Engine.available)
    func theWorkerArmsADailyJobAtStartAndItsHandlerGetsTheLocalDay(engine: Engine) async throws {
        // 2026-03-01 17:00 UTC is already 2 March in Shanghai, the default business time zone.
        let clock = TestClock(try #require(RFC3339.date("2026-03-01T17:00:00Z")))
        try await withDatabase(engine, clock: clock.clock) { database in
            try await database.execute("CREATE TABLE pings (note TEXT NOT NULL)")
            var handlers = JobHandlers()
            handlers.registerDaily("test.daily") { day, tx in
                try await tx.sql.insert(into: "pings").columns("note").values(SQLBind(day.description)).run()
            }
            #expect(handlers.dailyKinds == ["test.daily"])
            let worker = JobWorker(
                queue: JobQueue(database), handlers: handlers,
                daily: DailyJobs(database, kinds: handlers.dailyKinds), interval: .milliseconds(20),
                metrics: PrometheusCollectorRegistry(), logger: Logger(label: "test.jobs"))
            let group = ServiceGroup(services: [worker], logger: Logger(label: "test"))
            struct Row: Decodable { var note: String }
            var notes: [String] = []
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                var polls = 0
                while notes.isEmpty, polls < 1500 {
                    try await Task.sleep(for: .milliseconds(20))
                    notes = try await database.db.sql.select().column("note").from("pings").all(decoding: Row.self)
                        .map(\.note)
                    polls += 1
                }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            #expect(notes == ["2026-03-02"])
        }
    }

    @Test(arguments: Engine.available)
    func adminsListDeadJobs(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let database = app.database
            let now = database.clock.now()
            _ = try await database.db.sqlTransaction { tx in
                try await JobQueue.enqueue(
                    kind: "test.unknown", key: "unknown:1", payload: ["ticket": "T-000001"], runAt: now, on: tx,
                    now: now)
            }
            let worker = JobWorker(
                queue: JobQueue(database), handlers: JobHandlers(), metrics: .init(), logger: Logger(label: "test"))
            #expect(try await worker.drain() == 1)
            let listed = try await client.call(.get, "/api/v1/admin/jobs?status=dead", as: .admin, app: app)
            #expect(listed.status == .ok)
            let items = try #require(listed.body["items"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect(items.first?["key"] as? String == "unknown:1" && items.first?["status"] as? String == "dead")
            #expect(items.first?["payload"] as? String == #"{"ticket":"T-000001"}"#)
            #expect((items.first?["last_error"] as? String)?.contains("test.unknown") == true)
            let byDefault = try await client.call(.get, "/api/v1/admin/jobs", as: .admin, app: app)
            #expect((byDefault.body["items"] as? [[String: Any]])?.count == 1)
            let pending = try await client.call(.get, "/api/v1/admin/jobs?status=pending", as: .admin, app: app)
            #expect((pending.body["items"] as? [[String: Any]])?.isEmpty == true)
            let bad = try await client.call(.get, "/api/v1/admin/jobs?status=stuck", as: .admin, app: app)
            #expect(bad.status == .badRequest)
            #expect(try await client.call(.get, "/api/v1/admin/jobs", as: nil, app: app).status == .unauthorized)
            #expect(try await client.call(.get, "/api/v1/admin/jobs", as: .manager, app: app).status == .forbidden)
        }
    }
}
