import Foundation
import FluentKit
import Logging
import NIOConcurrencyHelpers
import PostgresNIO
import SQLKit

/// The one live-updates hub of a process (DESIGN.md "Live updates"): a capability publishes "this changed" on a
/// topic (`ticket:<uuid>`, `queue:branch:<uuid>`) once its write has committed, and every page subscribed to the
/// topic re-fetches its state. Events say only that something changed (plus an optional small `data`), never
/// what: a page reads the new state through its own access rules.
///
/// Each subscription buffers at most `bufferLimit` events and drops the oldest beyond that, so a slow reader
/// cannot grow memory; it loses nothing that matters because any event means "re-fetch".
///
/// On SQLite, events fan out in this process. On PostgreSQL, `publish` also sends `pg_notify('kefu_live', …)`
/// and `relay()` keeps one LISTEN connection that hands other instances' events to local subscribers, so a page
/// connected to one instance sees a change made on another. Events carry their instance's id: an instance
/// delivers its own events at once and ignores their echo. When the relay (re)connects, every local
/// subscriber gets a `resync` event, for whatever other instances published while it was not listening.
public final class LiveUpdates: Sendable {
    /// One event: what changed (`topic`), its `kind` (`changed`, or `resync` after the relay reconnected) and
    /// small, non-secret `data`.
    public struct Event: Sendable, Equatable, Codable {
        public var topic: String
        public var kind: String
        public var data: [String: String]

        public init(topic: String, kind: String = "changed", data: [String: String] = [:]) {
            self.topic = topic
            self.kind = kind
            self.data = data
        }
    }

    /// The PostgreSQL channel every instance listens on.
    static let channel = "kefu_live"
    /// PostgreSQL refuses NOTIFY payloads of 8000 bytes or more.
    static let maxPayloadBytes = 7999

    public let bufferLimit: Int
    /// Tells this instance's events from others' on the relay.
    let instance = UUID()
    private let postgres: PostgresConnection.Configuration?
    private let database: @Sendable () -> any Database
    private let logger: Logger
    private let subscribers = NIOLockedValueBox<[String: [UUID: AsyncStream<Event>.Continuation]]>([:])

    /// `relay` is how to reach PostgreSQL for LISTEN (nil on SQLite); `database` gives a pooled handle for NOTIFY.
    init(
        relay: PostgresConnection.Configuration?, bufferLimit: Int = 16, logger: Logger,
        database: @escaping @Sendable () -> any Database
    ) {
        postgres = relay
        self.bufferLimit = bufferLimit
        self.logger = logger
        self.database = database
    }

    /// Whether other instances share the events (PostgreSQL), so that `relay()` has work to do.
    public var relays: Bool { postgres != nil }

    /// Events on `topic` from now on, until the reader stops iterating (or its task is cancelled).
    public func subscribe(_ topic: String) -> AsyncStream<Event> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: Event.self, bufferingPolicy: .bufferingNewest(bufferLimit))
        let id = UUID()
        continuation.onTermination = { [weak self] _ in
            self?.subscribers.withLockedValue { table in
                table[topic]?[id] = nil
                if table[topic]?.isEmpty == true { table[topic] = nil }
            }
        }
        subscribers.withLockedValue { $0[topic, default: [:]][id] = continuation }
        return stream
    }

    /// How many subscriptions `topic` has in this process.
    public func subscriberCount(_ topic: String) -> Int {
        subscribers.withLockedValue { $0[topic]?.count ?? 0 }
    }

    /// Tells `topic`'s subscribers, here and (on PostgreSQL) on every other instance, that it changed. Call it
    /// after the write committed. A failure to notify other instances is logged, never thrown: the write stands.
    public func publish(_ topic: String, kind: String = "changed", data: [String: String] = [:]) async {
        let event = Event(topic: topic, kind: kind, data: data)
        deliver(event)
        guard postgres != nil else { return }
        guard let payload = Self.payload(event, from: instance) else {
            logger.error("Live update too large for NOTIFY; other instances miss it", metadata: ["topic": "\(topic)"])
            return
        }
        do {
            try await database().sql.raw("SELECT pg_notify(\(bind: Self.channel), \(bind: payload))").run()
        } catch {
            logger.warning("Live update not relayed: \(error)", metadata: ["topic": "\(topic)"])
        }
    }

    /// Keeps this instance's LISTEN connection on PostgreSQL until the task is cancelled, reconnecting with
    /// backoff (0.5 s doubling to 30 s) when it drops; returns at once on SQLite.
    public func relay() async {
        guard let postgres else { return }
        var failures = 0
        while !Task.isCancelled {
            do {
                let connection = try await PostgresConnection.connect(
                    configuration: postgres, id: 1, logger: logger)
                do {
                    try await connection.listen(on: Self.channel) { notifications in
                        failures = 0
                        deliverToAll(kind: "resync")
                        for try await notification in notifications { received(notification.payload) }
                    }
                } catch {
                    if !Task.isCancelled { logger.warning("Live updates relay lost: \(error)") }
                }
                try? await connection.close()
            } catch {
                logger.warning("Live updates relay cannot connect: \(error)")
            }
            guard !Task.isCancelled else { return }
            let backoff = min(30, 0.5 * pow(2, Double(failures)))
            failures += 1
            try? await Task.sleep(for: .seconds(backoff))
        }
    }

    /// The NOTIFY payload of `event`, or nil when it cannot fit (its `data` is dropped first).
    static func payload(_ event: Event, from instance: UUID) -> String? {
        for candidate in [event, Event(topic: event.topic, kind: event.kind)] {
            guard let data = try? JSONEncoder().encode(Relayed(instance: instance, event: candidate)),
                data.count <= maxPayloadBytes
            else { continue }
            return String(decoding: data, as: UTF8.self)
        }
        return nil
    }

    /// A notification from the relay: another instance's event goes to local subscribers; this one's echo does not.
    func received(_ payload: String) {
        guard let relayed = try? JSONDecoder().decode(Relayed.self, from: Data(payload.utf8)) else {
            logger.warning("Live update with an unreadable payload ignored")
            return
        }
        if relayed.instance != instance { deliver(relayed.event) }
    }

    private func deliver(_ event: Event) {
        let continuations = subscribers.withLockedValue { $0[event.topic].map { Array($0.values) } ?? [] }
        for continuation in continuations { continuation.yield(event) }
    }

    private func deliverToAll(kind: String) {
        let all = subscribers.withLockedValue { table in
            table.flatMap { topic, continuations in continuations.values.map { (topic, $0) } }
        }
        for (topic, continuation) in all { continuation.yield(Event(topic: topic, kind: kind)) }
    }

    /// What travels through NOTIFY: the event and the instance that published it.
    struct Relayed: Codable {
        var instance: UUID
        var event: Event
    }
}
