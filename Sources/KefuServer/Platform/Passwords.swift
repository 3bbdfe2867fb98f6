import Foundation
import HummingbirdBcrypt
import KefuCore
import NIOConcurrencyHelpers
import NIOPosix

/// bcrypt hashing off the event loops (it is deliberately slow), with the password policy applied.
public struct Passwords: Sendable {
    public let cost: UInt8

    public init(cost: UInt8 = 12) { self.cost = cost }

    /// Hashes an acceptable password; a weak one is a validation error.
    public func hash(_ password: String) async throws -> String {
        if let problem = PasswordPolicy.problem(with: password) { throw DomainError.invalid([problem]) }
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// A hash of a random password at this cost, made once per process: checking a login for an
    /// account that does not exist against it costs what checking a real one costs.
    func standInHash() async throws -> String {
        let cost = cost
        if let hash = Self.standIns.withLockedValue({ $0[cost] }) { return hash }
        let hash = try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(UUID().uuidString, cost: cost) }
        Self.standIns.withLockedValue { $0[cost] = hash }
        return hash
    }

    private static let standIns = NIOLockedValueBox<[UInt8: String]>([:])
}
