import Foundation
import KefuCore
@testable import KefuStore
import KefuTestSupport
import Testing

let tester = Attribution(
    userID: nil, email: "tester@example.test", requestID: "test", now: Date(timeIntervalSince1970: 1_700_000_000))

func profile(
    _ name: String, phones: [String] = [], emails: [String] = [], tags: [String] = [],
    tier: String? = nil, kind: CustomerKind = .person
) -> CustomerProfile {
    var profile = CustomerProfile()
    profile.name = name
    profile.phones = phones
    profile.emails = emails
    profile.tags = tags
    profile.tier = tier
    profile.kind = kind
    return profile
}

@Suite("CustomerRepository")
struct CustomerRepositoryTests {
    @Test(arguments: Engine.available)
    func createsAndReadsBackNormalisedCustomer(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let repository = CustomerRepository(database)
            // MUT
            let created = try await repository.create(
                profile(" 王小明 ", phones: ["138 0013 8000"], emails: ["Wang@Example.COM"], tags: ["vip", "VIP", "车主"]),
                by: tester)
            // validate
            let loaded = try await repository.get(created.id)
            #expect(loaded.profile.name == "王小明")
            #expect(loaded.profile.phones == ["+8613800138000"])
            #expect(loaded.profile.emails == ["wang@example.com"])
            #expect(loaded.profile.tags == ["vip", "车主"])
            #expect(loaded.profile.tier == "standard")
            let timeline = try await Timeline.list(in: database, customerID: created.id, limit: 10, cursor: nil)
            #expect(timeline.items.map(\.kind) == [CustomerEventKind.created])
            let audit = try await AuditLog.list(in: database, entityType: "customer", limit: 10, cursor: nil)
            #expect(audit.items.first?.entityID == created.id.uuidString)
            #expect(audit.items.first?.requestID == "test")
        }
    }

    @Test(arguments: Engine.available)
    func rejectsPhoneOwnedByAnotherCustomerNamingIt(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let repository = CustomerRepository(database)
            let first = try await repository.create(profile("A", phones: ["+86 13800138000"]), by: tester)
            await #expect(
                throws: DomainError.conflict(
                    message: "+8613800138000 already belongs to customer \(first.id.uuidString).",
                    field: "phones", conflictingID: first.id)
            ) {
                try await repository.create(profile("B", phones: ["13800138000"]), by: tester)
            }
            let all = try await repository.list(CustomerQuery())
            #expect(all.items.map(\.profile.name) == ["A"])
        }
    }

    @Test(arguments: Engine.available)
    func invalidInputWritesNothing(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let repository = CustomerRepository(database)
            await #expect(throws: DomainError.self) {
                try await repository.create(profile("", phones: ["abc"], tier: "platinum"), by: tester)
            }
            let count = try await repository.count(CustomerQuery())
            let audit = try await AuditLog.list(in: database, limit: 10, cursor: nil)
            #expect(count == 0)
            #expect(audit.items.isEmpty)
        }
    }

    @Test(arguments: Engine.available)
    func searchesChineseSubstringsPhonesEmailsAndNotes(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let repository = CustomerRepository(database)
            let wang = try await repository.create(profile("王小明", phones: ["13800138000"]), by: tester)
            _ = try await repository.create(profile("Li Lei", emails: ["lilei@example.com"]), by: tester)
            _ = try await NoteRepository(database).create(
                customerID: wang.id, body: "prefers 100% window seats", by: tester)
            func names(_ text: String) async throws -> [String] {
                var query = CustomerQuery()
                query.text = text
                return try await repository.list(query).items.map(\.profile.name)
            }
            #expect(try await names("小明") == ["王小明"])
            #expect(try await names("0013") == ["王小明"])
            #expect(try await names("LILEI@") == ["Li Lei"])
            #expect(try await names("100%") == ["王小明"])
            #expect(try await names("50%") == [])
        }
    }

    /// `count` customers made by `profile(index)`, each created one second after the one before.
    static func createInOrder(
        _ repository: CustomerRepository, count: Int,
        _ profile: (Int) -> CustomerProfile
    ) async throws -> [Customer] {
        var created: [Customer] = []
        for index in 0..<count {
            var attribution = tester
            attribution.now = tester.now.addingTimeInterval(Double(index))
            created.append(try await repository.create(profile(index), by: attribution))
        }
        return created
    }

    /// The names on every page of `query`, following the cursors.
    static func allNames(_ repository: CustomerRepository, _ query: CustomerQuery) async throws -> [String] {
        var query = query
        var names: [String] = []
        repeat {
            let page = try await repository.list(query)
            names += page.items.map(\.profile.name)
            query.cursor = page.nextCursor
        } while query.cursor != nil
        return names
    }

    /// Terms of three or more characters go through the trigram index on SQLite as FTS5 phrases:
    /// quotes, wildcards and query words in them must still match only literally.
    @Test(arguments: Engine.available)
    func termsWithQuotesWildcardsAndQueryWordsMatchLiterally(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let repository = CustomerRepository(database)
            _ = try await repository.create(profile("Tom \"TJ\" O'Neil"), by: tester)
            _ = try await repository.create(profile("a_b AND c*"), by: tester)
            _ = try await repository.create(profile("axb NOT c"), by: tester)
            func names(_ text: String) async throws -> [String] {
                var query = CustomerQuery()
                query.text = text
                return try await repository.list(query).items.map(\.profile.name).sorted()
            }
            #expect(try await names("\"tj\" o'") == ["Tom \"TJ\" O'Neil"])
            #expect(try await names("a_b") == ["a_b AND c*"])
            #expect(try await names("and c*") == ["a_b AND c*"])
            #expect(try await names("x_b") == [])
            #expect(try await names("NOT c") == ["axb NOT c"])
            #expect(try await names("b AND") == ["a_b AND c*"])
            var counted = CustomerQuery()
            counted.text = "a_b"
            #expect(try await repository.count(counted) == 1)
        }
    }

    @Test(arguments: Engine.available)
    func searchPagesAreTheSameWhetherTheWindowSufficesOrNot(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            _ = try await Self.createInOrder(CustomerRepository(database), count: 12) { index in
                profile(index % 3 == 0 ? "alpha \(index)" : "beta \(index)")
            }
            for window in [2, 3, 5, 100] {
                let repository = CustomerRepository(database, searchWindow: window)
                var query = CustomerQuery()
                query.text = "ALPHA"
                query.limit = 2
                #expect(
                    try await Self.allNames(repository, query) == ["alpha 9", "alpha 6", "alpha 3", "alpha 0"],
                    "window \(window)")
            }
        }
    }

    @Test(arguments: Engine.available)
    func filtersSortsAndPaginates(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let repository = CustomerRepository(database)
            _ = try await Self.createInOrder(repository, count: 7) { index in
                profile("C\(index)", tags: index.isMultiple(of: 2) ? ["even"] : [], tier: index < 2 ? "VIP" : nil)
            }
            var query = CustomerQuery()
            query.sort = .name
            query.limit = 3
            var names: [String] = []
            var pages = 0
            repeat {
                let page = try await repository.list(query)
                names += page.items.map(\.profile.name)
                query.cursor = page.nextCursor
                pages += 1
            } while query.cursor != nil
            #expect(names == (0..<7).map { "C\($0)" })
            #expect(pages == 3)
            var filtered = CustomerQuery()
            filtered.tag = "EVEN"
            filtered.sort = .createdAtDescending
            #expect(try await repository.list(filtered).items.map(\.profile.name) == ["C6", "C4", "C2", "C0"])
            var vip = CustomerQuery()
            vip.tier = "VIP"
            #expect(try await repository.count(vip) == 2)
            #expect(try await repository.count(CustomerQuery(), upTo: 5) == 5)
            #expect(try await repository.count(CustomerQuery(), upTo: 50) == 7)
        }
    }

    /// Every filter plan gives the same pages: a rare filter driving (through its index), none
    /// driving (the order's index walked), or the engine's own plan; with and without text.
    @Test(arguments: Engine.available)
    func filterPlansGiveTheSamePages(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let branch = try await BranchRepository(database).create(
                {
                    var b = BranchProfile(); b.name = "东店"; return b
                }(),
                by: tester)
            _ = try await Self.createInOrder(CustomerRepository(database), count: 12) { index in
                var customer = profile(
                    "客户\(index)", tags: index.isMultiple(of: 3) ? ["Golf"] : ["tea"],
                    tier: index < 2 ? "VIP" : (index < 8 ? "gold" : nil))
                customer.branchID = index.isMultiple(of: 3) ? branch.id : nil
                return customer
            }
            var vipGolf = CustomerQuery()
            (vipGolf.tier, vipGolf.tag) = ("VIP", "golf")
            var goldBranch = CustomerQuery()
            (goldBranch.tier, goldBranch.branchID, goldBranch.sort) = ("gold", branch.id, .name)
            var teaText = CustomerQuery()
            (teaText.tag, teaText.text) = ("TEA", "客户1")
            let expected: [(CustomerQuery, [String])] = [
                (vipGolf, ["客户0"]),
                (goldBranch, ["客户3", "客户6"]),
                (teaText, ["客户11", "客户10", "客户1"]),
            ]
            // 0: nothing is rare enough to drive; 3: the VIP tier drives; 2,000: the rarest drives.
            for limit in [0, 3, 2_000] {
                let repository = CustomerRepository(database, searchWindow: 2, candidateLimit: limit)
                for (query, names) in expected {
                    var query = query
                    query.limit = 2
                    #expect(try await Self.allNames(repository, query) == names, "candidate limit \(limit)")
                    #expect(try await repository.count(query) == names.count, "candidate limit \(limit)")
                }
            }
            if engine == .sqlite {
                let plan = { (limit: Int, query: CustomerQuery) in
                    try await CustomerRepository(database, searchWindow: 2, candidateLimit: limit).filterPlan(query)
                }
                #expect(try await plan(0, vipGolf) == .walk)
                #expect(try await plan(3, vipGolf) == .drive(.tier))
                #expect(try await plan(5, vipGolf) == .drive(.tier))
                #expect(try await plan(3, goldBranch) == .walk)
                #expect(try await plan(5, goldBranch) == .drive(.branch))
                #expect(try await plan(2_000, teaText) == .drive(.tag))
            } else {
                #expect(try await CustomerRepository(database).filterPlan(vipGolf) == .planner)
            }
        }
    }

    /// A capped count of a search looks at the first candidates first; deleted customers among
    /// them do not make it stop short.
    @Test(arguments: Engine.available)
    func cappedSearchCountsAreExactUpToTheCap(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let repository = CustomerRepository(database)
            let created = try await Self.createInOrder(repository, count: 12) { profile("客户 Lee \($0)") }
            for customer in created.prefix(9) { try await repository.delete(customer.id, by: tester) }
            for text in ["客户", "lee"] {
                var query = CustomerQuery()
                query.text = text
                #expect(try await repository.count(query, upTo: 2) == 2, "\(text)")
                #expect(try await repository.count(query, upTo: 5) == 3, "\(text)")
                #expect(try await repository.count(query) == 3, "\(text)")
            }
        }
    }

    /// A cursor keeps its place when its own row moves away meanwhile (updated between pages).
    @Test(arguments: Engine.available)
    func aCursorWhoseRowWasUpdatedStillResumesInPlace(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let repository = CustomerRepository(database)
            let customers = try await Self.createInOrder(repository, count: 5) { profile("U\($0)") }
            var query = CustomerQuery()
            query.sort = .updatedAt
            query.limit = 2
            let first = try await repository.list(query)
            #expect(first.items.map(\.profile.name) == ["U0", "U1"])
            var later = tester
            later.now = tester.now.addingTimeInterval(60)
            var renamed = customers[1].profile
            renamed.remarks = "moved to the end"
            _ = try await repository.update(customers[1].id, to: renamed, by: later)
            query.cursor = first.nextCursor
            #expect(try await Self.allNames(repository, query) == ["U2", "U3", "U4", "U1"])
        }
    }

    @Test(arguments: Engine.available)
    func paginatesCustomersCreatedInTheSameMillisecond(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let repository = CustomerRepository(database)
            let moment = Attribution(
                userID: nil, email: nil, requestID: nil, now: Date(timeIntervalSince1970: 1_764_000_000.123456))
            for index in 0..<5 { _ = try await repository.create(profile("Same \(index)"), by: moment) }
            for sort in [CustomerQuery.Sort.createdAt, .createdAtDescending, .updatedAt] {
                var query = CustomerQuery()
                query.sort = sort
                query.limit = 2
                var seen: [UUID] = []
                repeat {
                    let page = try await repository.list(query)
                    seen += page.items.map(\.id)
                    query.cursor = page.nextCursor
                } while query.cursor != nil && seen.count < 20
                #expect(seen.count == 5 && Set(seen).count == 5, "sort \(sort.rawValue)")
            }
        }
    }

    @Test(arguments: Engine.available)
    func updateRecordsChangedFieldsOnTimelineAndAudit(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let repository = CustomerRepository(database)
            let customer = try await repository.create(profile("Zhang", phones: ["13800138000"]), by: tester)
            var changed = customer.profile
            changed.tier = "gold"
            changed.phones = ["13900139000"]
            var later = tester
            later.now = tester.now.addingTimeInterval(60)
            let updated = try await repository.update(customer.id, to: changed, by: later)
            #expect(updated.profile.phones == ["+8613900139000"])
            // The released phone can now be used by someone else.
            _ = try await repository.create(profile("Other", phones: ["13800138000"]), by: tester)
            let timeline = try await Timeline.list(in: database, customerID: customer.id, limit: 10, cursor: nil)
            #expect(timeline.items.first?.data["fields"] == "phones,tier")
            let audit = try await AuditLog.list(in: database, entityID: customer.id.uuidString, limit: 10, cursor: nil)
            #expect(audit.items.first?.changes["tier"] == .init(before: "\"standard\"", after: "\"gold\""))
        }
    }

    @Test(arguments: Engine.available)
    func softDeleteHidesCustomerAndFreesIdentities(engine: Engine) async throws {
        try await withDatabase(engine) { database in
            let repository = CustomerRepository(database)
            let customer = try await repository.create(profile("Gone", emails: ["gone@example.com"]), by: tester)
            try await repository.delete(customer.id, by: tester)
            await #expect(throws: DomainError.notFound(entity: "customer", id: customer.id.uuidString)) {
                try await repository.get(customer.id)
            }
            _ = try await repository.create(profile("New", emails: ["gone@example.com"]), by: tester)
            #expect(try await repository.count(CustomerQuery()) == 1)
        }
    }
}
