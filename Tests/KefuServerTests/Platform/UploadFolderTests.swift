import Foundation
import Hummingbird
import HummingbirdTesting
import KefuTestSupport
import Testing

@testable import KefuServer

@Suite("Web: uploads wait in a private folder")
struct UploadFolderTests {
    func mode(_ url: URL) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
    }

    func files(in url: URL) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    }

    func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("kefu-uploads-test-\(UUID())")
    }

    @Test func folderIsPrivateAndFilesAreCreatedReadableByTheOwnerOnly() throws {
        let parent = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let folder = UploadFolder(parent.appendingPathComponent("uploads"), clock: .system)
        let file = try folder.create("a.csv", bytes: Array("name\n王小明\n".utf8))
        #expect(try mode(parent) == 0o700 && mode(folder.url) == 0o700)
        #expect(try mode(file) == 0o600)
        #expect(throws: (any Error).self) { try folder.create("a.csv", bytes: [0x41]) }
        // A folder left with looser permissions is tightened, at an upload and at start-up's sweep.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.url.path)
        try folder.prepare()
        #expect(try mode(folder.url) == 0o700)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.url.path)
        folder.sweep()
        #expect(try mode(folder.url) == 0o700)
    }

    @Test func filesOlderThanAnHourAreSweptAndNoLongerWaiting() throws {
        let url = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        let folder = UploadFolder(url, clock: .system)
        let old = try folder.create("old.csv", bytes: [0x41])
        _ = try folder.create("new.csv", bytes: [0x42])
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(-3_601)],
            ofItemAtPath: old.path)
        #expect(folder.waiting("old.csv") == nil)
        #expect(folder.waiting("new.csv") != nil)
        folder.sweep()
        #expect(files(in: url) == ["new.csv"])
        let anHourLater = UploadFolder(url, clock: .fixed(Date().addingTimeInterval(3_601)))
        #expect(anHourLater.waiting("new.csv") == nil)
        anHourLater.sweep()
        #expect(files(in: url).isEmpty)
    }

    @Test func locationIsNextToASQLiteFileOrUnderTheDataDirectory() {
        #expect(
            UploadFolder.location(for: .sqlite(path: "/srv/kefu/kefu.sqlite"), dataDirectory: "/x").path
                == "/srv/kefu/kefu.sqlite.uploads")
        #expect(
            UploadFolder.location(for: .postgres(url: "postgres://db/kefu"), dataDirectory: "/var/lib/kefu").path
                == "/var/lib/kefu/uploads")
    }

    @Test(arguments: Engine.available)
    func commitAndCancelDeleteTheWaitingFile(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let manager = try await client.webLogin(.manager)
            let csv = "name,phone\n王小明,13800138000\n"
            func uploadID() async throws -> String {
                let preview = try await client.uploadCSV(csv, session: manager)
                #expect(preview.status == .ok)
                #expect(files(in: app.uploads).count == 1)
                #expect(try mode(app.uploads) == 0o700)
                for name in files(in: app.uploads) {
                    #expect(try mode(app.uploads.appendingPathComponent(name)) == 0o600)
                }
                return try #require(
                    preview.body.range(of: #"name="upload" value=""#).map {
                        String(preview.body[$0.upperBound...].prefix { $0 != "\"" })
                    })
            }
            let cancelled = try await client.submit(
                "/import/cancel", [("upload", try await uploadID())],
                session: manager)
            #expect(cancelled.status == .seeOther || cancelled.status == .found)
            #expect(files(in: app.uploads).isEmpty)
            let shown = try await client.page("/import?flash=import_cancelled", session: manager)
            #expect(shown.body.contains("Upload cancelled"))
            let committed = try await client.submit(
                "/import/commit", [("upload", try await uploadID())],
                session: manager)
            #expect(committed.status == .ok)
            #expect(files(in: app.uploads).isEmpty)
            let refused = try await client.uploadCSV("nom\nx\n", session: manager)
            #expect(refused.status == .unprocessableContent)
            #expect(files(in: app.uploads).isEmpty)
        }
    }
}

@Suite("Web: import uploads that are not forms")
struct MalformedUploadTests {
    /// multipart-kit parses the upload; a body that is not a form framed by its boundary is a 400
    /// and leaves nothing in the uploads folder.
    @Test(arguments: Engine.available)
    func aBodyThatIsNotAMultipartFormIsRefused(engine: Engine) async throws {
        try await TestApp.run(engine) { app, client in
            let session = try await client.webLogin(.manager)
            for body in ["no boundary here", "--other\r\nContent-Disposition: form-data\r\n\r\nx\r\n--other--\r\n"] {
                let status = try await client.execute(
                    uri: "/import", method: .post,
                    headers: [.contentType: "multipart/form-data; boundary=kefu", .cookie: session.header],
                    body: ByteBuffer(string: body)
                ) { $0.status }
                #expect(status == .badRequest, "\(body)")
            }
            let left = (try? FileManager.default.contentsOfDirectory(atPath: app.uploads.path)) ?? []
            #expect(left.isEmpty)
        }
    }
}
