public import KefuCore
public import KefuStore

/// What the job worker runs, by job kind: each capability registers its kinds (an SLA breach, a survey send)
/// once, where `kefu serve` builds the worker (`KefuApplication.jobWorker`). A handler gets the decoded payload
/// and the job's transaction, and writes only through that transaction (see `JobTransaction`).
public struct JobHandlers: Sendable {
    public typealias Handler = @Sendable (Job, JobTransaction) async throws -> Void
    private var handlers: [String: Handler] = [:]
    /// The kinds registered with `registerDaily`, which the worker arms each day (`DailyJobs`).
    public private(set) var dailyKinds: [String] = []

    public init() {}

    /// Runs `handle` for jobs of `kind`, with their payload decoded as `Payload`; a payload that does not decode
    /// makes the job dead at once (another attempt would not decode it either).
    public mutating func register<Payload: Decodable & Sendable>(
        _ kind: String, payload: Payload.Type = Payload.self,
        _ handle: @escaping @Sendable (Payload, JobTransaction) async throws -> Void
    ) {
        register(kind, payload: payload) { payload, _, tx in try await handle(payload, tx) }
    }

    /// As `register`, for a handler that also reads the job (its attempts, to give up on the last one).
    public mutating func register<Payload: Decodable & Sendable>(
        _ kind: String, payload: Payload.Type = Payload.self,
        _ handle: @escaping @Sendable (Payload, Job, JobTransaction) async throws -> Void
    ) {
        precondition(handlers[kind] == nil, "job kind \(kind) registered twice")
        handlers[kind] = { job, tx in
            let payload: Payload
            do {
                payload = try job.payload(as: Payload.self)
            } catch {
                throw PermanentJobFailure("the payload of \(kind) does not decode: \(error)")
            }
            try await handle(payload, job, tx)
        }
    }

    /// Runs `handle` once a business day for `kind` (`DailyJobs`), with the local day it runs for.
    public mutating func registerDaily(
        _ kind: String, _ handle: @escaping @Sendable (CalendarDay, JobTransaction) async throws -> Void
    ) {
        dailyKinds.append(kind)
        register(kind, payload: DailyJobs.Day.self) { payload, tx in
            guard let day = payload.day else {
                throw PermanentJobFailure("the daily job \(kind) names no day: \(payload.date)")
            }
            try await handle(day, tx)
        }
    }

    /// The handler of `kind`, or one that fails permanently, naming the kind nobody handles.
    func handler(for kind: String) -> Handler {
        handlers[kind] ?? { _, _ in throw PermanentJobFailure("no handler is registered for the job kind \(kind)") }
    }
}

extension JobHandlers {
    /// Every job kind Kefu runs; outgoing mail goes out through `mail`.
    public static func kefu(mail: MailOutbox.Delivery) -> JobHandlers {
        var handlers = JobHandlers()
        handlers.register(MailOutbox.sendKind, payload: MailOutbox.Send.self) { payload, job, tx in
            try await MailOutbox.send(payload, job: job, tx: tx, delivery: mail)
        }
        handlers.register(MailOutbox.acknowledgeKind, payload: MailOutbox.Acknowledge.self) { payload, job, tx in
            try await MailOutbox.acknowledge(payload, job: job, tx: tx, delivery: mail)
        }
        handlers.register(SLATimers.warningKind, payload: SLATimer.self, SLATimers.warn)
        handlers.register(SLATimers.breachKind, payload: SLATimer.self, SLATimers.breach)
        handlers.register(SLATimers.recomputeKind, payload: SLARecomputeBatch.self, SLATimers.recompute)
        handlers.registerDaily(PurchaseStageSweep.kind, PurchaseStageSweep.run)
        handlers.registerDaily(LoyaltyExpiry.kind, LoyaltyExpiry.run)
        handlers.registerDaily(LoyaltyTierReview.kind, LoyaltyTierReview.run)
        handlers.registerDaily(CrossSell.kind, CrossSell.run)
        handlers.register(FollowUpTriggers.jobKind, payload: FollowUpTriggerEvent.self, FollowUpTriggers.schedule)
        handlers.register(FollowUpTriggers.batchKind, payload: FollowUpTriggers.Batch.self, FollowUpTriggers.schedule)
        handlers.registerDaily(FollowUpDailyJobs.calendarKind, FollowUpDailyJobs.calendar)
        handlers.registerDaily(FollowUpDailyJobs.escalationKind, FollowUpDailyJobs.escalate)
        handlers.registerDaily(HealthLedger.dailyKind, HealthLedger.reevaluate(day:_:))
        handlers.register(HealthLedger.batchKind, payload: HealthReevaluationBatch.self, HealthLedger.reevaluate(_:_:))
        handlers.register(SurveyAutoCSAT.jobKind, payload: SurveyAutoCSAT.Subject.self, SurveyAutoCSAT.invite)
        return handlers
    }
}
