import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import Testing

/// Searches for 1–2 character CJK, kana and Hangul terms whose customers lie outside the search
/// window, so only the gram index (or, for other terms, a scan) can find them.
@Suite("Customer gram search")
struct CustomerGramSearchTests {
    @Test(arguments: Engine.available)
    func findsRareShortTermsOutsideTheWindow(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            // setup
            let search = try await Self.seed(database, targets: ["覃海峰", "李娜", "小明"])
            var org = try await search.repository.get(search.targets[2].id).profile
            org.organization = "王小店"
            _ = try await search.repository.update(search.targets[2].id, to: org, by: tester)
            // MUT + validate
            #expect(try await search.names("覃") == ["覃海峰"])
            #expect(try await search.names("海峰") == ["覃海峰"])
            #expect(try await search.names("李娜") == ["李娜"])
            #expect(try await search.names("娜") == ["李娜"])
            #expect(try await search.count("覃") == 1)
            #expect(try await search.count("娜") == 1)
            // A gram character no customer has, and two that occur but never side by side.
            #expect(try await search.names("鑫") == [])
            #expect(try await search.names("覃娜") == [])
            #expect(try await search.count("鑫") == 0)
            // 王小 and 小明 are both there (王小店, 小明), 王小明 is not: the LIKE decides.
            #expect(try await search.names("王小明") == [])
            #expect(try await search.names("王小") == ["小明"])
        }
    }

    @Test(arguments: Engine.available)
    func findsTheSameWhenTheWindowIsSearchedFirst(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let search = try await Self.seed(database, targets: ["覃海峰", "李娜"], phones: true, candidateLimit: 0)
            #expect(try await search.names("覃") == ["覃海峰"])
            #expect(try await search.names("李娜") == ["李娜"])
            #expect(try await search.names("鑫") == [])
            #expect(try await search.names("13800138001") == ["李娜"])
            #expect(try await search.names("张") == ["张伟"])
        }
    }

    @Test(arguments: Engine.available)
    func findsKanaHangulAndSupplementaryIdeographs(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            // setup: 𠮷 is outside the BMP; 葛 carries an ideographic variation selector.
            let search = try await Self.seed(database, targets: ["さくら", "김민준", "𠮷野家", "葛\u{E0100}西"])
            // MUT + validate
            #expect(try await search.names("く") == ["さくら"])
            #expect(try await search.names("さく") == ["さくら"])
            #expect(try await search.names("민") == ["김민준"])
            #expect(try await search.names("민준") == ["김민준"])
            #expect(try await search.names("𠮷") == ["𠮷野家"])
            #expect(try await search.names("𠮷野") == ["𠮷野家"])
            #expect(try await search.names("葛") == ["葛\u{E0100}西"])
        }
    }

    @Test(arguments: Engine.available)
    func gramsFollowUpdatesNotesContactsDeletesAndMerges(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            // setup
            let search = try await Self.seed(database, targets: ["覃海峰", "李娜", "钟馗"])
            let (qin, lina, zhong) = (search.targets[0], search.targets[1], search.targets[2])
            // MUT: a new name
            var renamed = qin.profile
            renamed.name = "陆海峰"
            _ = try await search.repository.update(qin.id, to: renamed, by: tester)
            #expect(try await search.names("覃") == [])
            #expect(try await search.names("陆") == ["陆海峰"])
            // MUT: a note and a key contact change the search text
            _ = try await NoteRepository(database).create(customerID: lina.id, body: "喜欢靠窗", by: tester)
            var contact = KeyContactProfile()
            contact.name = "邝秘书"
            _ = try await ContactRepository(database).create(customerID: lina.id, contact, by: tester)
            #expect(try await search.names("靠窗") == ["李娜"])
            #expect(try await search.names("邝") == ["李娜"])
            // MUT: soft delete
            try await search.repository.delete(qin.id, by: tester)
            #expect(try await search.names("陆") == [])
            #expect(try await search.count("陆") == 0)
            // MUT: merge; the duplicate's remarks and notes now belong to the survivor
            var remarks = zhong.profile
            remarks.remarks = "爱吃榴莲"
            _ = try await search.repository.update(zhong.id, to: remarks, by: tester)
            _ = try await NoteRepository(database).create(customerID: zhong.id, body: "常点普洱", by: tester)
            _ = try await search.repository.merge(duplicateID: zhong.id, into: lina.id, by: tester)
            #expect(try await search.names("榴莲") == ["李娜"])
            #expect(try await search.names("普洱") == ["李娜"])
            #expect(try await search.names("钟馗") == [])
        }
    }

    @Test(arguments: Engine.available, ImportSizes.allCases)
    func findsImportedAndImportMergedCustomers(engine: Engine, sizes: ImportSizes) async throws {
        try await withDatabase(engine) { database in
            // setup: 钟馗 exists before the import (and is older), the other duplicates are rows of the file
            let before = CustomerRepository(database, searchWindow: 2)
            var earlier = tester
            earlier.now = tester.now.addingTimeInterval(-60)
            _ = try await before.create(profile("钟馗", phones: ["13800138009"]), by: earlier)
            let csv = """
                name,phone,remarks
                覃海峰,13800138001,
                李娜,13800138002,
                张伟,13800138003,
                李娜,13800138002,爱吃榴莲
                王芳,13800138004,
                钟馗,13800138009,常点普洱
                刘洋,13800138005,
                陈静,13800138006,

                """
            var importer = CustomerImport(database)
            sizes.configure(&importer)
            // MUT
            let summary = try await importer.run(bytes: Array(csv.utf8), onDuplicate: .merge, dryRun: false, by: tester)
            // validate
            #expect(summary.imported == 6 && summary.merged == 2)
            let search = Search(repository: before, targets: [])
            #expect(try await search.names("覃") == ["覃海峰"])
            #expect(try await search.names("李娜") == ["李娜"])
            #expect(try await search.names("榴莲") == ["李娜"])
            #expect(try await search.names("普洱") == ["钟馗"])
            #expect(try await search.count("张") == 1)
        }
    }

    @Test(arguments: Engine.available)
    func mixedAndNonGramTermsStillMatchByScanning(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            // setup
            let search = try await Self.seed(database, targets: ["Anna李", "李 四", "x王y"], phones: true)
            // MUT + validate
            #expect(try await search.names("a李") == ["Anna李"])
            #expect(try await search.names("na李") == ["Anna李"])
            #expect(try await search.names("李 四") == ["李 四"])
            #expect(try await search.names("x王") == ["x王y"])
            #expect(try await search.names("an") == ["Anna李"])
            #expect(try await search.names("13800138001") == ["李 四"])
            #expect(try await search.count("a李") == 1)
        }
    }

    /// Proves the narrowing happens: with the grams blanked, the exact filter alone would still
    /// match, but the index proposes nothing.
    @Test(arguments: Engine.available)
    func shortTermsAreAnsweredThroughTheIndex(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            // setup
            let search = try await Self.seed(database, targets: ["覃海峰"])
            try await database.execute("UPDATE customers SET search_grams = ''")
            // MUT + validate
            #expect(try await search.names("覃") == [])
            #expect(try await search.count("覃") == 0)
            _ = try await NoteRepository(database).create(customerID: search.targets[0].id, body: "回访", by: tester)
            #expect(try await search.names("覃") == ["覃海峰"])
        }
    }

    // MARK: - Helpers

    /// A repository whose window is two rows, and the customers it searches for.
    struct Search {
        var repository: CustomerRepository
        var targets: [Customer]

        func names(_ text: String) async throws -> [String] {
            var query = CustomerQuery()
            query.text = text
            return try await repository.list(query).items.map(\.profile.name)
        }

        func count(_ text: String) async throws -> Int {
            var query = CustomerQuery()
            query.text = text
            return try await repository.count(query, upTo: 1_000)
        }
    }

    /// Creates `targets` (oldest first), then four newer customers that share none of their
    /// characters, so with a window of two no target is in the window.
    /// With `candidateLimit` 0 every term looks through the window before the index.
    static func seed(
        _ database: KefuDatabase, targets: [String], phones: Bool = false,
        candidateLimit: Int = CustomerRepository.defaultCandidateLimit
    ) async throws -> Search {
        let repository = CustomerRepository(database, searchWindow: 2, candidateLimit: candidateLimit)
        var created: [Customer] = []
        for (index, name) in (targets + ["张伟", "王芳", "刘洋", "陈静"]).enumerated() {
            var attribution = tester
            attribution.now = tester.now.addingTimeInterval(Double(index))
            let phone = phones ? ["1380013800\(index)"] : []
            let customer = try await repository.create(profile(name, phones: phone), by: attribution)
            if index < targets.count { created.append(customer) }
        }
        return Search(repository: repository, targets: created)
    }
}
