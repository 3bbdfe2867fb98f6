import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing

@testable import KefuMailNet

@Suite struct IMAPPollerTests {
    @Test func backsOffFromFiveSecondsToFiveMinutes() {
        #expect(IMAPPoller.retryDelay(afterFailures: 1) == .seconds(5))
        #expect(IMAPPoller.retryDelay(afterFailures: 2) == .seconds(10))
        #expect(IMAPPoller.retryDelay(afterFailures: 6) == .seconds(160))
        #expect(IMAPPoller.retryDelay(afterFailures: 7) == .seconds(300))
        #expect(IMAPPoller.retryDelay(afterFailures: 1000) == .seconds(300))
    }

    @Test func stopsCleanlyWhenCancelled() async throws {
        // Nothing listens on port 1: the poller is failing and waiting to retry when it is cancelled.
        let client = try IMAPClient(url: MailServerURL("imap://u:p@127.0.0.1:1"))
        let poller = IMAPPoller(client: client, interval: .seconds(3600), logger: Logger(label: "test")) { _ in true }
        let running = Task { try await poller.run() }
        running.cancel()
        try await running.value
    }

    /// Against the real servers of scripts/test.sh, on support@example.test's mailbox (the other
    /// tests write to customer@).
    @Test func marksAMessageSeenOnlyAfterItWasStored() async throws {
        guard let servers = TestMailServers.fromEnvironment() else { return }
        // setup: one message, and a handle that declines it once, then stores it.
        let token = "kefu-\(UUID().uuidString)"
        try await SMTPClient(url: servers.smtp, tls: servers.tls)
            .send(
                TestMailServers.message(token: token, to: "support@example.test"), from: "customer@example.test",
                to: ["support@example.test"])
        let url = servers.imap(servers.imap, user: "support@example.test")
        let client = try IMAPClient(url: url, tls: servers.tls)
        let calls = NIOLockedValueBox(0)
        let poller = IMAPPoller(client: client, interval: .seconds(60), logger: Logger(label: "test")) { message in
            // Other messages in the mailbox (earlier runs) are left alone.
            guard message.contains(token) else { return false }
            return calls.withLockedValue { calls in
                calls += 1
                return calls > 1
            }
        }
        // MUT: poll until delivery made the first call; the message must stay unseen.
        for _ in 0..<60 where calls.withLockedValue({ $0 }) == 0 {
            _ = try await poller.pollOnce()
            if calls.withLockedValue({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(250)) }
        }
        // validate
        #expect(calls.withLockedValue { $0 } == 1)
        let stillUnseen = try #require(try await TestMailServers.awaitMessage(token: token, client: client))
        let second = try await poller.pollOnce()
        #expect(calls.withLockedValue { $0 } == 2)
        #expect(second.stored == 1)
        #expect(try await !client.withSession { try await $0.unseenUIDs() }.contains(stillUnseen.uid))
        _ = try await poller.pollOnce()
        #expect(calls.withLockedValue { $0 } == 2)
    }

    @Test func leavesAMessageUnseenWhenStoringThrows() async throws {
        guard let servers = TestMailServers.fromEnvironment() else { return }
        struct StoreDown: Error {}
        let token = "kefu-\(UUID().uuidString)"
        try await SMTPClient(url: servers.smtp, tls: servers.tls)
            .send(
                TestMailServers.message(token: token, to: "support@example.test"), from: "customer@example.test",
                to: ["support@example.test"])
        let client = try IMAPClient(url: servers.imap(servers.imap, user: "support@example.test"), tls: servers.tls)
        let delivered = try #require(try await TestMailServers.awaitMessage(token: token, client: client))
        let poller = IMAPPoller(client: client, interval: .seconds(60), logger: Logger(label: "test")) { message in
            if message.contains(token) { throw StoreDown() }
            return false
        }
        let pass = try await poller.pollOnce()
        #expect(pass.stored == 0)
        #expect(pass.deferred >= 1)
        #expect(try await client.withSession { try await $0.unseenUIDs() }.contains(delivered.uid))
        // Tidy up, so later runs' polls do not see it again.
        try await client.withSession { try await $0.markSeen(uid: delivered.uid) }
    }
}
