public import KefuStore
public import Logging
public import Prometheus
public import ServiceLifecycle

/// The one worker Service of `kefu serve` that drains the `jobs` table (DESIGN.md "Jobs"; the rules are
/// `JobQueue`'s). Every `interval` it claims due jobs in batches of `batchSize` and runs each with its kind's
/// handler until fewer than a batch were due; its first pass, at start-up, runs what fell due while no server
/// ran. Any number of instances may run one against one PostgreSQL. On graceful shutdown it stops between
/// jobs and gives the rest of its batch back; killed outright, its leases run out and other workers (or the
/// next start) run those jobs. Counts `kefu_jobs_run_total`, `kefu_jobs_failed_total` (to be retried) and
/// `kefu_jobs_dead_total` by kind. It arms the day's `DailyJobs` at start-up and every `armInterval` after.
public struct JobWorker: Service {
    let queue: JobQueue
    let handlers: JobHandlers
    let daily: DailyJobs?
    let interval: Duration
    let armInterval: Duration
    let batchSize: Int
    let metrics: PrometheusCollectorRegistry
    let logger: Logger

    public init(
        queue: JobQueue, handlers: JobHandlers, daily: DailyJobs? = nil, interval: Duration = .seconds(1),
        armInterval: Duration = .seconds(300), batchSize: Int = 50, metrics: PrometheusCollectorRegistry,
        logger: Logger
    ) {
        self.queue = queue
        self.handlers = handlers
        self.daily = daily
        self.interval = interval
        self.armInterval = armInterval
        self.batchSize = batchSize
        self.metrics = metrics
        self.logger = logger
    }

    public func run() async throws {
        logger.info("Job worker started", metadata: ["instance": "\(queue.instance)"])
        let clock = ContinuousClock()
        var nextArm = clock.now
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            if let daily, clock.now >= nextArm {
                do {
                    try await daily.arm()
                    nextArm = clock.now.advanced(by: armInterval)
                } catch {
                    logger.error("Job worker could not arm the daily jobs: \(error)")
                }
            }
            do {
                try await drain()
            } catch {
                logger.error("Job worker could not drain the queue: \(error)")
            }
            // Waits for the next poll; graceful shutdown (or cancellation) ends the wait at once.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }

    /// Runs due jobs, batch after batch, until fewer than a batch were due; returns how many it ran or failed.
    @discardableResult
    func drain() async throws -> Int {
        var handled = 0
        while true {
            let batch = try await queue.claim(limit: batchSize)
            for (index, job) in batch.enumerated() {
                if Task.isShuttingDownGracefully || Task.isCancelled {
                    try await queue.release(Array(batch[index...]))
                    return handled
                }
                try await perform(job)
                handled += 1
            }
            if batch.count < batchSize { return handled }
        }
    }

    private func perform(_ job: Job) async throws {
        let metadata: Logger.Metadata = ["job": "\(job.id)", "kind": "\(job.kind)", "key": "\(job.key)"]
        switch try await handlers.run(job, on: queue) {
        case .done:
            count("run", "Jobs whose handler ran and committed", job)
        case .retrying(let at, let error):
            count("failed", "Job attempts that failed and will be retried", job)
            logger.warning(
                "Job attempt \(job.attempts) failed; retrying at \(at): \(error)", metadata: metadata)
        case .dead(let error):
            count("dead", "Jobs given up (dead) after their last attempt or a permanent failure", job)
            logger.error("Job is dead after \(job.attempts) attempt(s): \(error)", metadata: metadata)
        case .lost:
            logger.notice("Job was claimed again or changed meanwhile; not completed here", metadata: metadata)
        }
    }

    private func count(_ name: String, _ help: String, _ job: Job) {
        metrics.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "kefu", subsystem: "jobs", metricName: name, unitName: "total", helpText: help),
            labels: [("kind", job.kind)]
        ).increment()
    }
}
