import Foundation
import KefuServer
import KefuStore

/// `serve --demo`: seed the demo business once and make sure a demo admin can log in.
enum Demo {
    static let email = "admin@demo.kefu"

    static func prepare(_ database: KefuDatabase) async throws {
        let seeded = try await DemoSeed.seedIfEmpty(database)
        if seeded > 0 { print("Seeded a demo business with \(seeded) customers and 2 branches.") }
        let users = UserRepository(database)
        if try await users.credentials(email: email) == nil {
            let password = "demo-" + UUID().uuidString.prefix(13).lowercased()
            let hash = try await Passwords().hash(password)
            _ = try await users.create(
                email: email, name: "Demo Admin", role: .admin, passwordHash: hash, by: database.system("demo"))
            print("Demo admin: \(email)  password: \(password)")
        } else {
            print(
                "Demo admin: \(email) (password as printed when it was created; "
                    + "if it is lost, add another admin with `kefu user add`).")
        }
    }
}
