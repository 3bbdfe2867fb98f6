import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import Testing

@Suite("Page cursors are signed")
struct CursorSignerTests {
    @Test(arguments: Engine.available)
    func aSignedCursorReadsBackAndAnyChangeIsRefused(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let cursor = PageCursor(value: .date(Date(timeIntervalSince1970: 1_700_000_000.123)), id: UUID())
            let token = database.cursors.token(for: cursor)
            #expect(database.cursors.cursor(from: token) == cursor)
            let payload = String(token.prefix { $0 != "." })
            #expect(database.cursors.cursor(from: payload) == nil, "unsigned")
            #expect(database.cursors.cursor(from: payload + ".") == nil)
            #expect(database.cursors.cursor(from: token + "A") == nil)
            #expect(database.cursors.cursor(from: "A" + token) == nil)
            #expect(database.cursors.cursor(from: "") == nil)
            #expect(database.cursors.cursor(from: "...") == nil)
            let text = PageCursor(value: .text("王小明"), id: UUID())
            #expect(database.cursors.cursor(from: database.cursors.token(for: text)) == text)
        }
    }

    @Test(arguments: Engine.available)
    func aSignedCursorWithATimeNoDatabaseTakesIsRefusedToo(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            for seconds in [1e13, -1e13, 253_402_300_800] {
                let cursor = PageCursor(value: .date(Date(timeIntervalSince1970: seconds)), id: UUID())
                #expect(database.cursors.cursor(from: database.cursors.token(for: cursor)) == nil)
            }
        }
    }

    @Test(arguments: Engine.available)
    func instancesSharingADatabaseAcceptEachOthersCursors(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let other = try KefuDatabase(location: database.location, poolSize: 1)
            try await other.migrate()
            let cursor = PageCursor(value: .text("a"), id: UUID())
            #expect(other.cursors.cursor(from: database.cursors.token(for: cursor)) == cursor)
            await other.shutdown()
        }
        try await withDatabase(engine) { elsewhere in
            try await withDatabase(engine) { database in
                let token = database.cursors.token(for: PageCursor(value: .text("a"), id: UUID()))
                #expect(elsewhere.cursors.cursor(from: token) == nil, "another installation's cursor")
            }
        }
    }
}
