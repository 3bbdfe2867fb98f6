import Foundation
import HummingbirdBcrypt
import KefuCore
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
}
