import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import SQLKit
import Testing

/// Batch sizes to run the duplicate tests with: the defaults; one row per chunk and per write so
/// every duplicate of an earlier row is found in an earlier, already written batch; and two rows per
/// write with every phone and email hashed alike, so each claim is a collision that must be told
/// apart from a real duplicate (pending or written).
enum ImportSizes: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case large, single, collidingHashes

    var testDescription: String { rawValue }

    func configure(_ importer: inout CustomerImport) {
        switch self {
        case .large:
            break
        case .single:
            importer.chunkSize = 1
            importer.flushSize = 1
        case .collidingHashes:
            importer.chunkSize = 3
            importer.flushSize = 2
            importer.identityHash = { _ in 0 }
        }
    }
}

@Suite("Customer import")
struct CustomerImportTests {
    @Test(arguments: Engine.available)
    func importsRowsAndReportsBadOnesWithRowNumbers(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            _ = try await BranchRepository(database).create(branch("上海店"), by: tester)
            let csv = """
                name,kind,phone,email,tier,tags,branch
                王小明,person,138 0013 8000,Wang@Example.com,VIP,VIP客户;Car,上海店
                ,person,13900139000,,,,
                李雷,robot,abc,,platinum,,
                韩梅梅,,,hmm@example.com,,,北京店
                Acme 有限公司,organization,010-12345678,,gold,,
                """
            // MUT
            let summary = try await run(csv, in: database)
            // validate
            #expect(summary.imported == 2 && summary.merged == 0 && summary.skipped == 0)
            #expect(
                summary.rejected.map { "\($0.row) \($0.column)" } == [
                    "3 name", "4 kind", "4 phone", "4 tier", "5 branch",
                ])
            #expect(summary.rejected.last?.reason == "No branch is named \"北京店\".")
            let customers = try await CustomerRepository(database).list(CustomerQuery()).items
            let wang = try #require(customers.first { $0.profile.name == "王小明" })
            #expect(wang.profile.phones == ["+8613800138000"] && wang.profile.emails == ["wang@example.com"])
            #expect(wang.profile.tier == "VIP" && wang.profile.tags == ["VIP客户", "Car"])
            #expect(wang.profile.branchID != nil)
            #expect(wang.createdAt == tester.now && wang.updatedAt == tester.now)
            var byTag = CustomerQuery()
            byTag.tag = "car"
            #expect(try await CustomerRepository(database).list(byTag).items.map(\.id) == [wang.id])
            let timeline = try await Timeline.list(in: database, customerID: wang.id, limit: 10, cursor: nil).items
            #expect(timeline.map(\.kind) == [CustomerEventKind.imported])
            #expect(timeline.first?.occurredAt == tester.now && timeline.first?.summary == "Imported from CSV")
            let audit = try await AuditLog.list(in: database, limit: 10, cursor: nil).items.filter {
                $0.entityType == "customer"
            }
            #expect(audit.map(\.action) == ["customer.import"])
            #expect(audit.first?.changes["imported"]?.after == "2" && audit.first?.changes["rejected"]?.after == "5")
            #expect(try await rowCount("customer_identities", in: database) == 3)
            #expect(try await rowCount("customer_tags", in: database) == 2)
        }
    }

    @Test(arguments: Engine.available, CustomerImport.OnDuplicate.allCases)
    func duplicatesWithinTheFileFollowThePolicy(engine: Engine, policy: CustomerImport.OnDuplicate) async throws {
        for sizes in ImportSizes.allCases {
            try await withDatabase(engine) { database in
                let csv = """
                    name,phone,email,tags
                    甲,13800000001,a@example.com,one
                    乙,13800000001,,two
                    丙,13800000002,A@example.com,
                    丁,13800000002,,
                    戊,13800000003,d@example.com,
                    己,13800000003,a@example.com,
                    """
                // MUT
                let summary = try await run(csv, in: database, onDuplicate: policy, sizes: sizes)
                // validate
                let customers = try await CustomerRepository(database).list(CustomerQuery()).items
                let id = { (name: String) in customers.first { $0.profile.name == name }?.id.uuidString ?? "?" }
                switch policy {
                case .merge:
                    #expect(summary.imported == 2 && summary.merged == 3 && summary.skipped == 0, "\(sizes)")
                    #expect(
                        summary.rejected == [
                            .init(
                                row: 7, column: "phone",
                                reason: "The row's phones and emails belong to 2 different customers.")
                        ])
                    let first = try #require(customers.first { $0.profile.name == "甲" })
                    #expect(first.profile.phones == ["+8613800000001", "+8613800000002"], "\(sizes)")
                    #expect(first.profile.tags == ["one", "two"])
                    #expect(try await rowCount("customer_identities", in: database) == 5)
                    #expect(try await rowCount("customer_tags", in: database) == 2)
                    #expect(try await rowCount("timeline_events", in: database) == 2)
                    var byPhone = CustomerQuery()
                    byPhone.text = "13800000002"
                    #expect(try await CustomerRepository(database).list(byPhone).items.map(\.id) == [first.id])
                case .skip:
                    #expect(
                        summary.imported == 3 && summary.merged == 0 && summary.skipped == 3 && summary.rejected.isEmpty
                    )
                    #expect(Set(customers.map(\.profile.name)) == ["甲", "丁", "戊"])
                case .reject:
                    #expect(summary.imported == 3 && summary.merged == 0 && summary.skipped == 0)
                    #expect(
                        summary.rejected == [
                            .init(
                                row: 3, column: "phone",
                                reason: "+8613800000001 already belongs to customer \(id("甲"))."),
                            .init(
                                row: 4, column: "email", reason: "a@example.com already belongs to customer \(id("甲"))."
                            ),
                            .init(
                                row: 7, column: "phone",
                                reason: "+8613800000003 already belongs to customer \(id("戊"))."),
                        ])
                }
                #expect(try await auditActions(in: database) == ["customer.import"])
            }
        }
    }

    @Test(arguments: Engine.available, CustomerImport.OnDuplicate.allCases)
    func duplicatesOfCustomersInTheDatabaseFollowThePolicy(engine: Engine, policy: CustomerImport.OnDuplicate)
        async throws
    {
        try await withDatabase(engine) { database in
            let repository = CustomerRepository(database)
            var existing = profile("老客户", phones: ["13800000001"], tags: ["old"])
            existing.remarks = "first"
            let owner = try await repository.create(existing, by: tester)
            let other = try await repository.create(profile("另一位", emails: ["y@example.com"]), by: tester)
            let csv = """
                name,phone,email,tags,remarks
                新名字,13800000001,n@example.com,new,second
                张三,,N@example.com,,
                李四,13800000001,y@example.com,,
                王五,13800000009,,,
                """
            // MUT
            let summary = try await run(csv, in: database, onDuplicate: policy)
            // validate
            let names = Set(try await repository.list(CustomerQuery()).items.map(\.profile.name))
            switch policy {
            case .merge:
                #expect(summary.imported == 1 && summary.merged == 2 && summary.skipped == 0)
                #expect(
                    summary.rejected == [
                        .init(
                            row: 4, column: "phone",
                            reason: "The row's phones and emails belong to 2 different customers.")
                    ])
                let merged = try await repository.get(owner.id)
                #expect(merged.profile.name == "老客户" && merged.profile.emails == ["n@example.com"])
                #expect(merged.profile.tags == ["old", "new"] && merged.profile.remarks == "first\nsecond")
                let kinds = try await Timeline.list(in: database, customerID: owner.id, limit: 10, cursor: nil).items
                    .map(\.kind)
                #expect(kinds.filter { $0 == CustomerEventKind.imported }.count == 1)
                #expect(names == ["老客户", "另一位", "王五"])
                #expect(
                    try await auditActions(in: database) == [
                        "customer.created", "customer.created", "customer.import",
                        "customer.imported",
                    ])
            case .skip:
                #expect(
                    summary.imported == 2 && summary.skipped == 2 && summary.merged == 0 && summary.rejected.isEmpty)
                #expect(names == ["老客户", "另一位", "张三", "王五"])
                #expect(try await repository.get(owner.id).profile == owner.profile)
            case .reject:
                #expect(summary.imported == 2 && summary.skipped == 0 && summary.merged == 0)
                #expect(
                    summary.rejected == [
                        .init(
                            row: 2, column: "phone",
                            reason: "+8613800000001 already belongs to customer \(owner.id.uuidString)."),
                        .init(
                            row: 4, column: "phone",
                            reason: "+8613800000001 already belongs to customer \(owner.id.uuidString)."),
                    ])
                #expect(names == ["老客户", "另一位", "张三", "王五"])
            }
            #expect(try await repository.get(other.id).profile == other.profile)
        }
    }

    @Test(arguments: Engine.available)
    func dryRunWritesNothingAndReportsTheSame(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let csv = Self.generated(rows: 300, duplicateEvery: 50, badEvery: 70)
            // MUT
            let dry = try await run(csv, in: database, onDuplicate: .merge, dryRun: true)
            // validate
            #expect(dry.imported > 0 && dry.merged > 0 && !dry.rejected.isEmpty)
            for table in ["customers", "customer_identities", "customer_tags", "timeline_events", "audit_log"] {
                #expect(try await rowCount(table, in: database) == 0, "\(table)")
            }
            let real = try await run(csv, in: database, onDuplicate: .merge)
            #expect(real == dry)
        }
    }

    @Test(arguments: Engine.available)
    func failureMidwayLeavesNothing(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let before = try await CustomerRepository(database).create(
                profile("已有", phones: ["13700000000"]), by: tester)
            var importer = CustomerImport(database)
            importer.chunkSize = 500
            importer.flushSize = 1_000
            importer.failAfterFlushes = 3
            // MUT
            await #expect(throws: ImportWriter.InjectedFailure.self) {
                _ = try await importer.run(
                    bytes: Array(Self.generated(rows: 5_000).utf8), onDuplicate: .reject,
                    dryRun: false, by: tester)
            }
            // validate
            #expect(try await rowCount("customers", in: database) == 1)
            #expect(try await rowCount("customer_identities", in: database) == 1)
            #expect(try await rowCount("customer_tags", in: database) == 0)
            #expect(try await rowCount("timeline_events", in: database) == 1)
            #expect(try await auditActions(in: database) == ["customer.created"])
            #expect(try await CustomerRepository(database).get(before.id).profile.name == "已有")
        }
    }

    @Test(arguments: Engine.available)
    func readsGBKAsSavedByChineseExcel(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let text = "name,phone,tags\r\n王小明,13800138000,车主;老客户\r\n"
            let gbk = try #require(text.data(using: String.Encoding(rawValue: 0x8000_0632)))
            #expect(String(data: gbk, encoding: .utf8) == nil)
            // MUT
            let summary = try await CustomerImport(database).run(
                bytes: Array(gbk), onDuplicate: .reject, dryRun: false,
                by: tester)
            // validate
            #expect(summary.imported == 1 && summary.rejected.isEmpty)
            let customer = try #require(try await CustomerRepository(database).list(CustomerQuery()).items.first)
            #expect(customer.profile.name == "王小明" && customer.profile.tags == ["车主", "老客户"])
        }
    }

    @Test(arguments: Engine.available)
    func exportThenImportIntoAnEmptyDatabaseGivesEqualProfiles(engine: Engine) async throws {
        var csv = ""
        var exported: [CustomerProfile] = []
        let custom = [
            CustomFieldDefinition(key: "car", label: "Car", type: .text),
            CustomFieldDefinition(key: "visits", label: "Visits", type: .number),
        ]
        try await withDatabase(engine) { database in
            try await setUp(database, customFields: custom)
            let branch = try await BranchRepository(database).create(branch("上海店"), by: tester)
            let repository = CustomerRepository(database)
            var full = profile(
                "Acme, \"the best\" 有限公司", phones: ["010-12345678", "+1 415 555 2671"],
                emails: ["info@acme.cn"], tags: ["大客户", "tea"], tier: "VIP", kind: .organization)
            full.address = "北京市朝阳区\n建国路 1 号"
            full.birthday = "2001-09-30"
            full.stage = .loyal
            full.personality = .tiger
            full.consent = Consent(phone: true, sms: false, email: true, wechat: true)
            full.isInternal = true
            full.department = "采购"
            full.remarks = "=SUM(A1)\r\nsecond line, with comma\ttab"
            full.branchID = branch.id
            full.customFields = ["car": .string("Model 3"), "visits": .number(12)]
            _ = try await repository.create(full, by: tester)
            var blank = profile("王小明", phones: ["13800138000"])
            blank.customFields = ["car": .string(" ")]  // no value, as an empty cell reads back
            _ = try await repository.create(blank, by: tester)
            _ = try await repository.create(profile("李雷"), by: tester)
            exported = try await repository.list(CustomerQuery()).items.map(\.profile)
            try await CustomerExport(database).run { csv += $0 }
        }
        try await withDatabase(engine) { database in
            try await setUp(database, customFields: custom)
            let branch = try await BranchRepository(database).create(branch("上海店"), by: tester)
            // MUT
            let summary = try await run(csv, in: database)
            // validate
            #expect(summary.imported == 3 && summary.rejected.isEmpty)
            let imported = try await CustomerRepository(database).list(CustomerQuery()).items.map(\.profile)
            let expected = exported.map { profile in
                var profile = profile
                if profile.branchID != nil { profile.branchID = branch.id }
                return profile
            }
            #expect(imported.sorted { $0.name < $1.name } == expected.sorted { $0.name < $1.name })
        }
    }

    @Test(arguments: Engine.available)
    func searchFindsImportedCustomersByChineseSubstring(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            _ = try await run("name,phone,organization\n王小明,13800138000,\n李雷,,小明科技有限公司\n韩梅梅,,\n", in: database)
            // MUT
            var query = CustomerQuery()
            query.text = "小明"
            let names = try await CustomerRepository(database).list(query).items.map(\.profile.name)
            // validate
            #expect(Set(names) == ["王小明", "李雷"])
            query.text = "13800138000"
            #expect(try await CustomerRepository(database).list(query).items.map(\.profile.name) == ["王小明"])
        }
    }

    @Test(arguments: Engine.available)
    func largeImportSpansSeveralBatches(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            var importer = CustomerImport(database)
            importer.chunkSize = 700
            importer.flushSize = 900
            let csv = Self.generated(rows: 5_000, duplicateEvery: 400, badEvery: 999)
            // MUT
            let summary = try await importer.run(
                bytes: Array(csv.utf8), onDuplicate: .reject, dryRun: false, by: tester)
            // validate
            let bad = (1...5_000).filter { $0 % 999 == 0 }
            let duplicates = (1...5_000).filter { $0 % 400 == 0 && $0 % 999 != 0 }
            #expect(summary.imported == 5_000 - bad.count - duplicates.count)
            #expect(summary.rejected.map(\.row) == (bad + duplicates).map { $0 + 1 }.sorted())
            #expect(summary.rejected.filter { $0.column == "phone" }.count == bad.count + duplicates.count)
            #expect(try await rowCount("customers", in: database) == summary.imported)
            #expect(try await rowCount("timeline_events", in: database) == summary.imported)
            #expect(try await rowCount("customer_identities", in: database) == 2 * summary.imported)
            #expect(try await rowCount("customer_tags", in: database) == summary.imported)
            #expect(try await CustomerRepository(database).count(CustomerQuery()) == summary.imported)
            var query = CustomerQuery()
            query.text = "客户4321号"
            let found = try await CustomerRepository(database).list(query).items
            #expect(found.map(\.profile.emails) == [["c4321@example.com"]])
            #expect(found.first?.profile.tags == ["第2组"])
        }
    }

    @Test func compactProfileJSONDecodesToTheSameProfile() throws {
        let tricky = CustomerProfile.everyFieldFixture
        var withText = tricky
        withText.customFields = ["z": .string("1"), "B": .string("x\""), "a_b": .string(""), "ab": .string("y")]
        var withNumber = tricky
        withNumber.customFields = ["n": .number(0.1), "m": .number(1e20), "i": .number(-3), "s": .string("12")]
        var consentOnly = profile("c")
        consentOnly.consent.wechat = true
        for value in [CustomerProfile(), profile("x"), tricky, withText, withNumber, consentOnly] {
            let text = try CustomerProfileJSON.encode(value)
            #expect(try StoreJSON.decode(CustomerProfile.self, from: text) == value, "\(text)")
        }
        #expect(try CustomerProfileJSON.encode(profile("x")) == #"{"name":"x"}"#)
        // The same escapes as JSONEncoder, so text written both ways agrees where it overlaps.
        #expect(try CustomerProfileJSON.encode(tricky).contains(try StoreJSON.encode(tricky.name)))
    }

    @Test func importIDsAreVersion7AndAscendInFileOrder() {
        let ids = ImportIDs(now: tester.now)
        let customers = (2...2_000).map { ids.customer(line: $0) }
        #expect(customers.map(\.uuidString) == customers.map(\.uuidString).sorted())
        #expect(Set(customers + (2...2_000).map { ids.event(line: $0) }).count == 2 * 1_999)
        #expect(customers.allSatisfy { $0.uuid.6 >> 4 == 7 && $0.uuid.8 >> 6 == 0b10 })
        #expect(ImportIDs(now: tester.now).customer(line: 2) != ids.customer(line: 2))
    }

    // MARK: - Helpers

    @Test(arguments: Engine.available)
    func aFileStreamedFromDiskImportsAsItsBytesDo(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let csv = Self.generated(rows: 3_000, duplicateEvery: 300, badEvery: 777)
            let gbk = try #require(csv.data(using: String.Encoding(rawValue: 0x8000_0632)))
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-import-\(UUID()).csv")
            try gbk.write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            let importer = CustomerImport(database)
            let fromMemory = try await run(csv, in: database, dryRun: true)
            // MUT
            let preview = try await importer.run(file: url, onDuplicate: .reject, dryRun: true, by: tester)
            let summary = try await importer.run(file: url, onDuplicate: .reject, dryRun: false, by: tester)
            // validate
            // The same decisions (the reasons name customer ids, which each run picks anew).
            func decisions(_ summary: CustomerImport.Summary) -> [String] {
                ["\(summary.imported) \(summary.merged) \(summary.skipped)"]
                    + summary.rejected.map { "\($0.row) \($0.column)" }
            }
            #expect(decisions(preview) == decisions(fromMemory))
            #expect(decisions(summary) == decisions(preview) && summary.imported == 3_000 - 10 - 3)
            #expect(try await rowCount("customers", in: database) == summary.imported)
            let nul = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-nul-\(UUID()).csv")
            try Data("name\nok\nbad\0\n".utf8).write(to: nul)
            defer { try? FileManager.default.removeItem(at: nul) }
            await #expect(throws: DomainError.self) {
                try await importer.run(file: nul, onDuplicate: .reject, dryRun: false, by: tester)
            }
        }
    }

    /// `rows` customers 客户N号 with phone 1390000NNNN, email cN@example.com and a tag; every
    /// `duplicateEvery`-th row reuses the phone of the row before, every `badEvery`-th has a bad phone.
    static func generated(rows: Int, duplicateEvery: Int = .max, badEvery: Int = .max) -> String {
        var lines = ["name,phone,email,tags,tier"]
        for index in 1...rows {
            let number = String(index % duplicateEvery == 0 ? index - 1 : index)
            let phone =
                index % badEvery == 0
                ? "not-a-phone" : "1390" + String(repeating: "0", count: 7 - number.count) + number
            lines.append(
                "客户\(index)号,\(phone),C\(index)@Example.com,第\(index % 7)组,\(["VIP", "gold", "standard"][index % 3])")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func run(
        _ csv: String, in database: KefuDatabase, onDuplicate: CustomerImport.OnDuplicate = .reject,
        dryRun: Bool = false, sizes: ImportSizes = .large
    ) async throws -> CustomerImport.Summary {
        var importer = CustomerImport(database)
        sizes.configure(&importer)
        return try await importer.run(bytes: Array(csv.utf8), onDuplicate: onDuplicate, dryRun: dryRun, by: tester)
    }

    func branch(_ name: String) -> BranchProfile {
        var branch = BranchProfile()
        branch.name = name
        return branch
    }

    func setUp(_ database: KefuDatabase, customFields: [CustomFieldDefinition]) async throws {
        var settings = try await SettingsRepository(database).get()
        settings.customFields = customFields
        _ = try await SettingsRepository(database).update(settings, by: tester)
    }

    func rowCount(_ table: String, in database: KefuDatabase) async throws -> Int {
        struct Count: Decodable { var n: Int }
        return try await database.db.sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first(decoding: Count.self)?.n
            ?? -1
    }

    /// Audit actions about customers, sorted (rows written at one instant have no order among them).
    func auditActions(in database: KefuDatabase) async throws -> [String] {
        try await AuditLog.list(in: database, entityType: "customer", limit: 100, cursor: nil).items.map(\.action)
            .sorted()
    }
}
