import Crypto
import FluentKit
import Foundation
import SQLKit

/// Secrets of the installation, made once here so every instance that shares the database uses
/// the same: `cursor_hmac` signs page cursors (`CursorSigner`).
struct CreateServerSecrets: AsyncMigration {
    var name: String { "006_CreateServerSecrets" }

    func prepare(on database: any Database) async throws {
        try await database.schema("server_secrets")
            .field("name", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .create()
        let secret = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
        try await database.sql.insert(into: "server_secrets").columns("name", "value")
            .values(SQLBind(ServerSecrets.cursorKey), SQLBind(secret)).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("server_secrets").delete()
    }
}

/// Reads the installation's secrets.
enum ServerSecrets {
    static let cursorKey = "cursor_hmac"

    static func cursorSigner(on sql: any SQLDatabase) async throws -> CursorSigner {
        struct Row: Decodable { var value: String }
        guard
            let row = try await sql.select().column("value").from("server_secrets")
                .where("name", .equal, cursorKey).first(decoding: Row.self),
            let secret = Data(base64Encoded: row.value), secret.count >= 32
        else { throw StoreError.configuration("The database has no cursor secret; run kefu migrate.") }
        return CursorSigner(secret: secret)
    }
}
