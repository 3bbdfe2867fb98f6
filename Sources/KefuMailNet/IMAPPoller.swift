public import Logging
public import ServiceLifecycle

/// Brings the mail of an IMAP mailbox into Kefu, for businesses without their own MTA: a Service of
/// `kefu serve` that, every `interval`, fetches the unseen messages one by one, hands each to
/// `handle`, and sets `\Seen` only after `handle` said the message is stored — so a crash or a
/// failed store leaves it unseen, to be fetched again. Failed polls are retried with backoff; the
/// poller stops on cancellation or graceful shutdown.
public struct IMAPPoller: Service {
    /// What one poll did.
    public struct Pass: Sendable, Equatable {
        /// Messages `handle` stored, now marked seen.
        public var stored = 0
        /// Messages `handle` declined or failed on, left unseen for the next poll.
        public var deferred = 0
    }

    public let client: IMAPClient
    public let interval: Duration
    private let logger: Logger
    private let handle: @Sendable ([UInt8]) async throws -> Bool

    /// `handle` stores one raw message: true when it is stored (it is then marked seen), false or a
    /// thrown error to try it again on a later poll.
    public init(
        client: IMAPClient, interval: Duration, logger: Logger,
        handle: @escaping @Sendable ([UInt8]) async throws -> Bool
    ) {
        self.client = client
        self.interval = interval
        self.logger = logger
        self.handle = handle
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await self.loop() }
        } catch is CancellationError {
            logger.info("IMAP polling stopped", metadata: ["mailbox": "\(client.url.redacted)"])
        }
    }

    private func loop() async throws {
        var failures = 0
        while true {
            do {
                let pass = try await pollOnce()
                failures = 0
                if pass != Pass() {
                    logger.info(
                        "IMAP poll", metadata: ["stored": "\(pass.stored)", "deferred": "\(pass.deferred)"])
                }
            } catch {
                // A poll cut short by shutdown is not a failure.
                if Task.isCancelled { throw CancellationError() }
                failures += 1
                logger.warning(
                    "IMAP poll failed: \(error)",
                    metadata: ["mailbox": "\(client.url.redacted)", "failures": "\(failures)"])
            }
            try await Task.sleep(for: failures == 0 ? interval : Self.retryDelay(afterFailures: failures))
        }
    }

    /// One poll: every unseen message, oldest first.
    public func pollOnce() async throws -> Pass {
        try await client.withSession { session in
            var pass = Pass()
            for uid in try await session.unseenUIDs() {
                try Task.checkCancellation()
                guard let message = try await session.fetch(uid: uid) else { continue }
                let stored: Bool
                do {
                    stored = try await handle(message)
                } catch is CancellationError {
                    throw CancellationError()
                } catch {
                    logger.warning("storing IMAP message UID \(uid) failed: \(error)")
                    stored = false
                }
                if stored {
                    try await session.markSeen(uid: uid)
                    pass.stored += 1
                } else {
                    pass.deferred += 1
                }
            }
            return pass
        }
    }

    /// The wait after `failures` failed polls in a row: 5 s, doubling, at most 5 minutes.
    public static func retryDelay(afterFailures failures: Int) -> Duration {
        min(.seconds(5 * (1 << min(max(failures - 1, 0), 6))), .seconds(300))
    }
}
