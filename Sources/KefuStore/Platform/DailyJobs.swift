public import Foundation
public import KefuCore
import SQLKit

/// Work that runs once a business day (the lifecycle-stage sweep, periodic follow-ups, overdue escalations):
/// a job per kind and local date under the key `<kind>:<YYYY-MM-DD>`, due at that day's local midnight in the
/// business time zone. The job worker calls `arm` at start-up and then every few minutes: the key makes each
/// day's run once, however many servers arm it, and a server that was down at midnight runs the day's job at
/// its next start. A daily job sweeps state ("customers whose last purchase is 90 days old"), so a day whose
/// run failed is caught up by the next one.
public struct DailyJobs: Sendable {
    /// The payload of a daily job: the local day it runs for (`YYYY-MM-DD`).
    public struct Day: Codable, Sendable, Equatable {
        public var date: String

        public init(_ day: CalendarDay) { date = day.description }

        /// The day, or nil for a payload that was not written by `arm`.
        public var day: CalendarDay? { CalendarDay(iso8601: date) }
    }

    private let database: KefuDatabase
    /// The job kinds to arm.
    public let kinds: [String]

    public init(_ database: KefuDatabase, kinds: [String]) {
        self.database = database
        self.kinds = kinds
    }

    /// Makes sure every kind has its job for today, the business-local date of the database clock's now.
    /// Returns the kinds it enqueued (those already armed today are left alone).
    @discardableResult
    public func arm() async throws -> [String] {
        guard !kinds.isEmpty else { return [] }
        let now = database.clock.now()
        let zone = try await SettingsRepository(database).get().zone
        let today = CalendarDay(now, in: zone)
        return try await DatabaseSource(database).db.sqlTransaction { tx in
            var armed: [String] = []
            for kind in kinds
            where try await JobQueue.enqueue(
                kind: kind, key: Self.key(kind, today), payload: Day(today), runAt: today.start(in: zone), on: tx,
                now: now)
            {
                armed.append(kind)
            }
            return armed
        }
    }

    /// The unique key of `kind`'s job for `day`.
    public static func key(_ kind: String, _ day: CalendarDay) -> String { "\(kind):\(day)" }
}
