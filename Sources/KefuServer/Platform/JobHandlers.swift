public import KefuCore
public import KefuStore

/// What the job worker runs, by job kind: each capability registers its kinds (an SLA breach, a survey send)
/// once, where `kefu serve` builds the worker (`KefuApplication.jobWorker`). A handler gets the decoded payload
/// and the job's transaction, and writes only through that transaction (see `JobTransaction`); a kind whose
/// work lies outside the database (a mail to send) registers with `registerEffect` instead, so that work runs
/// with no transaction open (at least once; see `JobQueue`).
public struct JobHandlers: Sendable {
    /// How one kind runs: all in the job's transaction (exactly once), or prepared there as a `JobEffect`.
    enum Handler: Sendable {
        case transaction(@Sendable (Job, JobTransaction) async throws -> Void)
        case effect(@Sendable (Job, JobTransaction) async throws -> JobEffect?)
    }

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
        add(kind, .transaction { job, tx in try await handle(try Self.decode(job, as: Payload.self), job, tx) })
    }

    /// Runs jobs of `kind` as an effect outside the database (`JobQueue.runEffect(_:_:)`): `prepare` reads what it
    /// needs in a short transaction and returns the `JobEffect` (nil: nothing to do outside, the job is done with
    /// what `prepare` wrote). A payload that does not decode makes the job dead at once.
    public mutating func registerEffect<Payload: Decodable & Sendable>(
        _ kind: String, payload: Payload.Type = Payload.self,
        _ prepare: @escaping @Sendable (Payload, Job, JobTransaction) async throws -> JobEffect?
    ) {
        add(kind, .effect { job, tx in try await prepare(try Self.decode(job, as: Payload.self), job, tx) })
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

    /// Runs one claimed job on `queue` with its kind's handler; a kind nobody handles makes the job dead at once.
    func run(_ job: Job, on queue: JobQueue) async throws -> JobQueue.Outcome {
        switch handlers[job.kind] {
        case .transaction(let handle):
            try await queue.run(job) { tx in try await handle(job, tx) }
        case .effect(let prepare):
            try await queue.runEffect(job) { tx in try await prepare(job, tx) }
        case nil:
            try await queue.run(job) { _ in
                throw PermanentJobFailure("no handler is registered for the job kind \(job.kind)")
            }
        }
    }

    private mutating func add(_ kind: String, _ handler: Handler) {
        precondition(handlers[kind] == nil, "job kind \(kind) registered twice")
        handlers[kind] = handler
    }

    /// The job's payload as `Payload`; one that does not decode is a permanent failure.
    private static func decode<Payload: Decodable>(_ job: Job, as type: Payload.Type) throws -> Payload {
        do {
            return try job.payload(as: type)
        } catch {
            throw PermanentJobFailure("the payload of \(job.kind) does not decode: \(error)")
        }
    }
}

extension JobHandlers {
    /// Every job kind Kefu runs; outgoing mail goes out through `mail`.
    public static func kefu(mail: MailOutbox.Delivery) -> JobHandlers {
        var handlers = JobHandlers()
        handlers.registerEffect(MailOutbox.sendKind, payload: MailOutbox.Send.self) { payload, job, tx in
            try await MailOutbox.send(payload, job: job, tx: tx, delivery: mail)
        }
        handlers.registerEffect(MailOutbox.acknowledgeKind, payload: MailOutbox.Acknowledge.self) { payload, job, tx in
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
