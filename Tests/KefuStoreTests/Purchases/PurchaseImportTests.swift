import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import SQLKit
import Testing

/// `kefu import purchases` in the store, on both databases: rows validated as the API validates a purchase
/// and reported by row and column, customers found by phone, email or id, multi-line purchases, all or
/// nothing, dry runs, re-imports skipped, timeline events and stages.
@Suite("Purchase import")
struct PurchaseImportTests {
    static let header =
        "customer_phone,customer_email,customer_id,branch_id,purchased_at,total,currency,source,external_ref,"
        + "sku,name,category,quantity,unit_price"

    /// Rows 2–3, 4 and 17–18 are good; the others each have one kind of problem.
    static let mixed = """
        \(header)
        138 0013 8000,,,上海店,2023-11-01T10:00:00+08:00,128.50,,pos,A1,LATTE,拿铁,饮品,2,32.00
        ,,,,,,,pos,A1,CAKE,蛋糕,甜点,1,64.50
        ,Wang@Example.com,,,2023-11-02,30,,,,,,,,
        13700000000,,,,2023-11-02,10,,,,,,,,
        abc,,,,2023-11-02,10,,,,,,,,
        13900139000,,,北京店,2023-11-02,10,,,,,,,,
        13900139000,,,,2023-13-01,10,,,,,,,,
        13900139000,,,,2023-11-02,12.345,,,,,,,,
        13900139000,,,,2023-11-02,10,cny1,,,,,,,
        13900139000,,,,2099-01-01,10,,,,,,,,
        13900139000,,,,2023-11-02,10,,pos,B1,X,某物,,1,5
        ,,,,,,,pos,B1,Y,,,1,5
        13900139000,,,,2023-11-02,,,,,,,,,
        13900139000,wang@example.com,,,2023-11-02,10,,,,,,,,
        ,,,,2023-11-02,10,,,,,,,,
        13900139000,,,,2023-11-03,20,,pos,C1,S1,一,,1,10
        ,,,,,,,pos,C1,S2,二,,1,10

        """

    struct Sizes: CustomTestStringConvertible, Sendable {
        var chunk: Int
        var flush: Int
        var testDescription: String { "chunk \(chunk), flush \(flush)" }
        static let all = [Sizes(chunk: 2_000, flush: 2_000), Sizes(chunk: 1, flush: 1)]
    }

    @Test(arguments: Engine.available)
    func importsGoodRowsAndReportsEachBadOneByRowAndColumn(engine: Engine) async throws {
        for sizes in Sizes.all {
            try await withDatabase(engine) { database in
                let (wang, li, branch) = try await Self.setUp(database)
                // MUT
                let summary = try await Self.run(Self.mixed, in: database, sizes: sizes)
                // validate
                #expect(summary.imported == 3 && summary.skipped == 0, "\(sizes)")
                #expect(
                    summary.rejected.map { "\($0.row) \($0.column)" } == [
                        "5 customer_phone", "6 customer_phone", "7 branch_id", "8 purchased_at", "9 total",
                        "10 currency", "11 purchased_at", "12 ", "13 name", "14 total", "15 customer_email", "16 ",
                    ], "\(sizes)")
                let reasons = Dictionary(summary.rejected.map { ($0.row, $0.reason) }) { first, _ in first }
                #expect(reasons[5] == "No customer has the phone +8613700000000.")
                #expect(reasons[7] == "No branch has the id or name \"北京店\".")
                #expect(reasons[12] == "Not imported: row 13 of the same purchase has an error.")
                #expect(reasons[14] == "Total is required.")
                #expect(reasons[15] == "customer_email names another customer than customer_phone.")
                let purchases = try await PurchaseRepository(database).list(customerID: wang, limit: 10, cursor: nil)
                    .items
                #expect(purchases.count == 2)
                let multi = try #require(purchases.first { $0.externalRef == "A1" })
                #expect(multi.total == 12_850 && multi.currency == "CNY" && multi.source == "pos")
                #expect(multi.branchID == branch && multi.purchasedAt == RFC3339.date("2023-11-01T02:00:00Z"))
                #expect(
                    multi.items == [
                        PurchaseItem(sku: "LATTE", name: "拿铁", category: "饮品", quantity: 2, unitPrice: 3_200),
                        PurchaseItem(sku: "CAKE", name: "蛋糕", category: "甜点", quantity: 1, unitPrice: 6_450),
                    ])
                let single = try #require(purchases.first { $0.externalRef == nil })
                // A bare date is local midnight in the business time zone (Asia/Shanghai).
                #expect(single.purchasedAt == RFC3339.date("2023-11-01T16:00:00Z") && single.items.isEmpty)
                #expect(single.total == 3_000 && single.createdAt == tester.now)
                let lis = try await PurchaseRepository(database).list(customerID: li, limit: 10, cursor: nil).items
                #expect(lis.map(\.items.count) == [2] && lis.first?.total == 2_000)
                // Timeline and stage: wang's second purchase makes them returning, once.
                let kinds = try await Timeline.list(in: database, customerID: wang, limit: 20, cursor: nil).items
                    .map(\.kind)
                #expect(kinds.filter { $0 == PurchaseEventKind.recorded }.count == 2)
                #expect(kinds.filter { $0 == CustomerEventKind.updated }.count == 1)
                let events = try await Timeline.list(in: database, customerID: li, limit: 20, cursor: nil).items
                #expect(events.map(\.kind).contains(PurchaseEventKind.recorded))
                let recorded = try #require(events.first { $0.kind == PurchaseEventKind.recorded })
                #expect(recorded.summary == "CNY 20.00" && recorded.data["purchase_id"] == lis.first?.id.uuidString)
                #expect(try await CustomerRepository(database).get(wang).profile.stage == .returning)
                #expect(try await CustomerRepository(database).get(li).profile.stage == .new)
                let audit = try await AuditLog.list(in: database, limit: 50, cursor: nil).items
                let importRow = try #require(audit.first { $0.action == "purchase.import" })
                #expect(importRow.changes["imported"]?.after == "3" && importRow.changes["rejected"]?.after == "12")
                let stageRow = try #require(audit.first { $0.entityID == wang.uuidString })
                #expect(stageRow.changes == ["stage": .init(before: "\"new\"", after: "\"returning\"")])
            }
        }
    }

    @Test(arguments: Engine.available)
    func aReimportSkipsWhatIsStoredAndADryRunWritesNothing(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            _ = try await Self.setUp(database)
            let events = try await Self.count("timeline_events", database)
            let audits = try await Self.count("audit_log", database)
            // MUT
            let preview = try await Self.run(Self.mixed, in: database, dryRun: true)
            // validate
            #expect(try await Self.count("purchases", database) == 0)
            #expect(try await Self.count("health_events", database) == 0)
            #expect(try await Self.count("timeline_events", database) == events)
            #expect(try await Self.count("audit_log", database) == audits)
            let summary = try await Self.run(Self.mixed, in: database)
            #expect(preview == summary)
            let again = try await Self.run(Self.mixed, in: database)
            // Purchases with source + external_ref are stored once; one without is a new purchase each time.
            #expect(again.imported == 1 && again.skipped == 2 && again.rejected == summary.rejected)
            #expect(try await Self.run(Self.mixed, in: database, dryRun: true) == again)
            #expect(try await Self.count("purchases", database) == 4)
            // Each purchase stored is one health event.
            #expect(try await Self.count("health_events", database) == 4)
        }
    }

    @Test(arguments: Engine.available)
    func importedPurchasesStartFollowUpPlansOnceEach(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            _ = try await Self.setUp(database)
            _ = try await FollowUpPlanRepository(database).create(
                FollowUpPlanDraft(
                    name: "购买回访", trigger: FollowUpTrigger(kind: .purchase),
                    steps: [FollowUpStep(offsetDays: 0, channel: .phone)]), by: tester)
            let summary = try await Self.run(Self.mixed, in: database)
            _ = try await Self.run(Self.mixed, in: database, dryRun: true)
            // One round of writes, one batch job.
            #expect(summary.imported > 1)
            #expect(try await FollowUpSchedulerTests.drain(JobQueue(database)) == 1)
            #expect(try await FollowUpSchedulerTests.tasks(database).count == summary.imported)
        }
    }

    @Test(arguments: Engine.available)
    func aPurchaseRepeatedLaterInTheFileIsSkipped(engine: Engine) async throws {
        for sizes in Sizes.all {
            try await withDatabase(engine) { database in
                _ = try await Self.setUp(database)
                let csv = """
                    \(Self.header)
                    13900139000,,,,2023-11-03,20,,pos,C1,S1,一,,1,10
                    13900139000,,,,2023-11-03,5,,pos,C2,S1,一,,1,5
                    13900139000,,,,2023-11-03,20,,pos,C1,S1,一,,1,10
                    """
                let preview = try await Self.run(csv, in: database, dryRun: true, sizes: sizes)
                // MUT
                let summary = try await Self.run(csv, in: database, sizes: sizes)
                // validate
                #expect(summary.imported == 2 && summary.skipped == 1 && summary.rejected.isEmpty, "\(sizes)")
                #expect(preview == summary)
                #expect(try await Self.count("purchases", database) == 2)
            }
        }
    }

    @Test(arguments: Engine.available)
    func aFailureMidWayLeavesNothing(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let (wang, _, _) = try await Self.setUp(database)
            let events = try await Self.count("timeline_events", database)
            var importer = PurchaseImport(database)
            importer.chunkSize = 1
            importer.flushSize = 1
            importer.failAfterFlushes = 2
            // MUT
            await #expect(throws: PurchaseImportWriter.InjectedFailure.self) {
                try await importer.run(bytes: Array(Self.mixed.utf8), dryRun: false, by: tester)
            }
            // validate
            #expect(try await Self.count("purchases", database) == 0)
            #expect(try await Self.count("health_events", database) == 0)
            #expect(try await Self.count("timeline_events", database) == events)
            #expect(try await CustomerRepository(database).get(wang).profile.stage == .new)
        }
    }

    @Test(arguments: Engine.available)
    func customersAreFoundByIdAndFilesReadInGBKOrWithAByteOrderMark(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let (wang, _, _) = try await Self.setUp(database)
            let csv = """
                customer_id,purchased_at,total,sku,name,quantity,unit_price
                \(wang.uuidString.lowercased()),2023-11-02T09:00:00Z,99,T1,王小明的茶,1,99
                \(UUID().uuidString),2023-11-02T09:00:00Z,99,T1,茶,1,99

                """
            let gbk = try #require(csv.data(using: String.Encoding(rawValue: 0x8000_0632)))
            let bom = Data([0xEF, 0xBB, 0xBF]) + Data(csv.utf8)
            for (name, data) in [("gbk", gbk), ("bom", bom)] {
                let url = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-purchases-\(UUID()).csv")
                try data.write(to: url)
                defer { try? FileManager.default.removeItem(at: url) }
                // MUT
                let summary = try await PurchaseImport(database).run(file: url, dryRun: false, by: tester)
                // validate
                #expect(summary.imported == 1, "\(name)")
                #expect(summary.rejected.map { "\($0.row) \($0.column)" } == ["3 customer_id"], "\(name)")
            }
            let purchases = try await PurchaseRepository(database).list(customerID: wang, limit: 10, cursor: nil).items
            #expect(purchases.map(\.items.first?.name) == ["王小明的茶", "王小明的茶"])
            #expect(try await CustomerRepository(database).get(wang).profile.stage == .returning)
        }
    }

    @Test(arguments: Engine.available)
    func customersAreFoundByTheirExternalIDUnlessTwoShareIt(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let customers = CustomerRepository(database)
            var mine = profile("王小明")
            mine.externalID = "CRM-1"
            let wang = try await customers.create(mine, by: tester)
            for name in ["甲", "乙"] {
                var shared = profile(name)
                shared.externalID = "CRM-2"
                _ = try await customers.create(shared, by: tester)
            }
            let csv = """
                customer_external_id,purchased_at,total
                CRM-1,2023-11-02,10
                CRM-2,2023-11-02,10
                CRM-3,2023-11-02,10
                """
            // MUT
            let summary = try await Self.run(csv, in: database)
            // validate
            #expect(summary.imported == 1)
            #expect(
                summary.rejected.map { "\($0.row) \($0.column)" } == [
                    "3 customer_external_id", "4 customer_external_id",
                ])
            #expect(summary.rejected.first?.reason.contains("Several customers") == true)
            #expect(
                try await PurchaseRepository(database).list(customerID: wang.id, limit: 10, cursor: nil).items.count
                    == 1)
            struct Row: Decodable { var external_id: String? }
            let stored = try await database.db.sql.select().column("external_id").from("customers")
                .where("id", .equal, wang.id).first(decoding: Row.self)
            #expect(stored?.external_id == "CRM-1")
        }
    }

    @Test(arguments: Engine.available)
    func aBadHeaderRefusesTheFile(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            for csv in ["customer_wechat,purchased_at,total\nx,2023-11-02,1\n", "customer_phone,total\n", ""] {
                // MUT / validate
                await #expect(throws: DomainError.self, "\(csv)") {
                    try await PurchaseImport(database).run(bytes: Array(csv.utf8), dryRun: false, by: tester)
                }
            }
        }
    }

    @Test(arguments: Engine.available)
    func anOldPurchaseMakesTheCustomerAtRiskOrLost(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let (wang, li, _) = try await Self.setUp(database)
            let csv = """
                customer_phone,purchased_at,total
                13800138000,2023-07-01,10
                13900139000,2023-01-01,10
                """
            // MUT
            let summary = try await Self.run(csv, in: database)
            // validate
            #expect(summary.imported == 2)
            #expect(try await CustomerRepository(database).get(wang).profile.stage == .atRisk)
            #expect(try await CustomerRepository(database).get(li).profile.stage == .lost)
        }
    }

    // MARK: - Helpers

    /// Customers 王小明 (13800138000, wang@example.com) and 李雷 (13900139000), and the branch 上海店.
    static func setUp(_ database: KefuDatabase) async throws -> (wang: UUID, li: UUID, branch: UUID) {
        var shop = BranchProfile()
        shop.name = "上海店"
        let branch = try await BranchRepository(database).create(shop, by: tester).id
        let customers = CustomerRepository(database)
        let wang = try await customers.create(
            profile("王小明", phones: ["13800138000"], emails: ["wang@example.com"]), by: tester)
        let li = try await customers.create(profile("李雷", phones: ["13900139000"]), by: tester)
        // A customer with no purchases, whom nothing touches.
        _ = try await customers.create(profile("韩梅梅"), by: tester)
        return (wang.id, li.id, branch)
    }

    static func run(
        _ csv: String, in database: KefuDatabase, dryRun: Bool = false, sizes: Sizes = Sizes.all[0]
    ) async throws -> PurchaseImport.Summary {
        var importer = PurchaseImport(database)
        importer.chunkSize = sizes.chunk
        importer.flushSize = sizes.flush
        return try await importer.run(bytes: Array(csv.utf8), dryRun: dryRun, by: tester)
    }

    static func count(_ table: String, _ database: KefuDatabase) async throws -> Int {
        struct Count: Decodable { var n: Int }
        return try await database.db.sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first(decoding: Count.self)?.n
            ?? -1
    }
}
