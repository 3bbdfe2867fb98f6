import Foundation
@testable import KefuServer
import Testing

@Suite("Login throttle")
struct LoginThrottleTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func reserve(
        _ throttle: LoginThrottle, _ account: String = "a@x.test", from address: String = "203.0.113.1",
        at offset: TimeInterval = 0
    ) async -> LoginThrottle.Attempt? {
        try? await throttle.reserve(account: account, address: address, now: start + offset).get()
    }

    @Test func aBurstIsCheckedOnlyUpToTheFreeFailuresThenWaitsGrowUpToThePairLimit() async {
        let throttle = LoginThrottle()
        var allowed = 0
        for _ in 0..<30 where await reserve(throttle) != nil { allowed += 1 }
        #expect(allowed == 5)
        // Then 1 s, 2 s, 4 s, 8 s, 16 s after each failure; the 11th waits for the window.
        var clock: TimeInterval = 0
        for delay in [1.0, 2, 4, 8, 16] {
            #expect(await reserve(throttle, at: clock + delay - 0.5) == nil)
            #expect(await reserve(throttle, at: clock + delay) != nil)
            clock += delay
        }
        #expect(await reserve(throttle, at: clock + 600) == nil)
        #expect(await reserve(throttle, at: 15 * 60 + 1) != nil, "the oldest failures left the window")
    }

    @Test func theWaitIsReported() async throws {
        let throttle = LoginThrottle(.init(pairLimit: 3, addressLimit: 100, freeFailures: 3, window: 900))
        for _ in 0..<3 { _ = await reserve(throttle) }
        let result = await throttle.reserve(account: "a@x.test", address: "203.0.113.1", now: start + 100)
        #expect(throws: LoginThrottle.Wait(seconds: 800)) { try result.get() }
    }

    @Test func aSuccessClearsItsPairAndDoesNotCountForTheAddress() async throws {
        let throttle = LoginThrottle(.init(pairLimit: 3, addressLimit: 4, freeFailures: 3, window: 900))
        for _ in 0..<2 { _ = await reserve(throttle) }
        let attempt = try #require(await reserve(throttle))
        await throttle.succeeded(attempt)
        #expect(await reserve(throttle) != nil)
        #expect(await reserve(throttle, "b@x.test") != nil)
        #expect(await reserve(throttle, "c@x.test") == nil, "four failures from the address reach its ceiling")
    }

    @Test func failuresAgainstOtherAccountsOrFromOtherAddressesDoNotBlockAPair() async {
        let throttle = LoginThrottle(.init(pairLimit: 3, addressLimit: 100, freeFailures: 3, window: 900))
        for _ in 0..<3 { _ = await reserve(throttle, "victim@x.test", from: "198.51.100.7") }
        #expect(await reserve(throttle, "victim@x.test", from: "198.51.100.7") == nil)
        #expect(await reserve(throttle, "victim@x.test", from: "203.0.113.1") != nil, "the owner's own address")
        for index in 0..<50 { _ = await reserve(throttle, "user\(index)@x.test", from: "198.51.100.7") }
        #expect(await reserve(throttle, "other@x.test", from: "203.0.113.1") != nil)
    }

    @Test func anAddressCeilingStopsSprayingAcrossAccounts() async {
        let throttle = LoginThrottle()
        for index in 0..<100 { #expect(await reserve(throttle, "user\(index)@x.test") != nil) }
        #expect(await reserve(throttle, "another@x.test") == nil)
        #expect(await reserve(throttle, "another@x.test", from: "203.0.113.2") != nil)
    }
}

extension LoginThrottle.Wait: Equatable {
    static func == (a: Self, b: Self) -> Bool { a.seconds == b.seconds }
}

@Suite("Client address")
struct ClientAddressTests {
    @Test func forwardedForCountsOnlyFromATrustedProxy() {
        let middleware = ClientAddressMiddleware(trustedProxies: ["127.0.0.1", "10.0.0.2"])
        #expect(middleware.clientAddress(peer: "203.0.113.9", forwardedFor: ["198.51.100.1"]) == "203.0.113.9")
        #expect(middleware.clientAddress(peer: "127.0.0.1", forwardedFor: ["198.51.100.1"]) == "198.51.100.1")
        #expect(middleware.clientAddress(peer: "127.0.0.1", forwardedFor: []) == "127.0.0.1")
        // The client may send its own header; only the hops the proxies appended count.
        #expect(
            middleware.clientAddress(peer: "127.0.0.1", forwardedFor: ["1.2.3.4, 198.51.100.1, 10.0.0.2"])
                == "198.51.100.1")
        #expect(
            middleware.clientAddress(peer: "127.0.0.1", forwardedFor: ["1.2.3.4", "198.51.100.1"]) == "198.51.100.1")
        #expect(middleware.clientAddress(peer: "127.0.0.1", forwardedFor: ["garbage"]) == "127.0.0.1")
        #expect(middleware.clientAddress(peer: nil, forwardedFor: ["198.51.100.1"]) == nil)
    }

    @Test func addressesAreComparedInOneSpelling() {
        #expect(ClientAddressMiddleware.canonical("::ffff:127.0.0.1") == "127.0.0.1")
        #expect(ClientAddressMiddleware.canonical("0:0:0:0:0:0:0:1") == "::1")
        #expect(ClientAddressMiddleware.canonical("localhost") == nil)
        #expect(ServerConfiguration.isIPAddress("2001:db8::1"))
    }
}
