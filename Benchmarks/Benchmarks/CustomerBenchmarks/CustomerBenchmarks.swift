// Customer database (issue 2): CSV parse + validate, list and search (`q`) on a SQLite database
// pre-filled with `KEFU_BENCH_CUSTOMERS` customers (default 100,000), and durable creates, one at a
// time and 64 or 256 at once (group commit, `CustomerCreateQueue`).
// Targets: search and list p99 < 20 ms with 1,000,000 customers; durable creates ≥ 10,000/s.

import Benchmark
import Foundation
import KefuCore
import KefuStore

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 3,
        maxDuration: .seconds(5),
        maxIterations: 10_000
    )

    Benchmark("CustomerCSV parse+validate 10,000 rows", closure: { benchmark, csv in
        let reader = CustomerCSV.Reader(rules: CustomerRules())
        for _ in benchmark.scaledIterations {
            let parsed = reader.parse(utf8: csv)
            precondition(parsed.rows.count == 10_000 && parsed.errors.isEmpty, "\(parsed.errors.prefix(3))")
            blackHole(parsed)
        }
    }, setup: { GeneratedCSV.bytes(rows: 10_000) })

    // Searches over a pre-filled database. Frequent terms stop after the first page of matches in
    // created_at order; rare ones (one phone, one email, nothing) read every row.
    let count = Prefilled.customerCount
    let lists: [(label: String, query: CustomerQuery)] = [
        ("list, newest first, limit 50", CustomerQuery()),
        ("list by name, limit 50", CustomerQuery(sort: .name)),
        ("q=王 (common surname)", CustomerQuery(text: "王")),
        ("q=小明 (rare given name)", CustomerQuery(text: "小明")),
        ("q=example.cn (email domain, common)", CustomerQuery(text: "example.cn")),
        ("q=\(GeneratedCSV.phoneFragment) (phone fragment, one customer)", CustomerQuery(text: GeneratedCSV.phoneFragment)),
        ("q=\(GeneratedCSV.emailFragment) (email fragment, one customer)", CustomerQuery(text: GeneratedCSV.emailFragment)),
        ("q=不存在的 (no match)", CustomerQuery(text: "不存在的")),
    ]
    for (label, query) in lists {
        storeBenchmark("CustomerRepository.list \(label), \(count) customers", prefilled: true) { benchmark, store in
            for _ in benchmark.scaledIterations {
                blackHole(try await store.repository.list(query))
            }
        }
    }

    // Durable creates on a fresh database (each returns after its transaction committed).
    storeBenchmark("CustomerRepository.create sequential", prefilled: false) { benchmark, store in
        for _ in benchmark.scaledIterations {
            blackHole(try await store.repository.create(store.nextProfile(), by: store.database.system("bench")))
        }
    }
    for concurrent in [64, 256] {
        storeBenchmark("CustomerRepository.create \(concurrent) concurrent (1 iteration = \(concurrent) creates)",
                       prefilled: false) { benchmark, store in
            for _ in benchmark.scaledIterations {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<concurrent {
                        let profile = store.nextProfile()
                        group.addTask { _ = try await store.repository.create(profile, by: store.database.system("bench")) }
                    }
                    try await group.waitForAll()
                }
            }
        }
    }
}

extension CustomerQuery {
    init(text: String? = nil, sort: Sort = .createdAtDescending) {
        self.init()
        self.text = text
        self.sort = sort
        limit = 50
    }
}

/// Registers a benchmark on a store opened in its setup and closed in its teardown.
func storeBenchmark(_ name: String, prefilled: Bool,
                    _ body: @escaping @Sendable (Benchmark, Store) async throws -> Void) {
    let box = Store.Box()
    Benchmark(name, closure: { benchmark in
        try await body(benchmark, box.store!)
    }, setup: {
        box.store = prefilled ? try await Prefilled.open() : try await Store.empty()
    }, teardown: {
        await box.store?.close()
        box.store = nil
    })
}

/// A database opened for one benchmark.
final class Store: @unchecked Sendable {
    final class Box: @unchecked Sendable { var store: Store? }

    let database: KefuDatabase
    let repository: CustomerRepository
    let removeOnClose: URL?
    private let lock = NSLock()
    private var created = 0

    init(path: String, removeOnClose: URL?) throws {
        database = try KefuDatabase(location: .sqlite(path: path))
        repository = CustomerRepository(database)
        self.removeOnClose = removeOnClose
    }

    static func empty() async throws -> Store {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try Store(path: directory.appendingPathComponent("kefu.sqlite").path, removeOnClose: directory)
        try await store.database.migrate()
        return store
    }

    /// A new valid customer with a phone (166…) and email no other create in this process used.
    func nextProfile() -> CustomerProfile {
        let n = lock.withLock { created += 1; return created }
        var profile = CustomerProfile()
        profile.name = "压测客户\(n)"
        profile.phones = [String(format: "166%08d", n)]
        profile.emails = ["create\(n)@bench.example.com"]
        profile.tags = ["压测"]
        return profile
    }

    func close() async {
        await database.shutdown()
        if let removeOnClose { try? FileManager.default.removeItem(at: removeOnClose) }
    }
}

/// One pre-filled database per build of this executable, kept in the temporary directory and reused
/// by the list/search benchmarks (each runs in its own process); filled through `CustomerImport`.
enum Prefilled {
    static let customerCount = Int(ProcessInfo.processInfo.environment["KEFU_BENCH_CUSTOMERS"] ?? "") ?? 100_000

    static func open() async throws -> Store {
        let directory = try templateDirectory()
        if !FileManager.default.fileExists(atPath: directory.path) { try await fill(directory) }
        return try Store(path: directory.appendingPathComponent("kefu.sqlite").path, removeOnClose: nil)
    }

    /// Named after the row count and this executable's size and time, so a rebuild starts afresh.
    static func templateDirectory() throws -> URL {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let attributes = try FileManager.default.attributesOfItem(atPath: executable.path)
        let stamp = Int((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        return FileManager.default.temporaryDirectory
            .appendingPathComponent("kefu-bench-\(customerCount)-\(stamp)-\(size)")
    }

    static func fill(_ directory: URL) async throws {
        let partial = URL(fileURLWithPath: directory.path + ".partial-\(getpid())")
        try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)
        let database = try KefuDatabase(location: .sqlite(path: partial.appendingPathComponent("kefu.sqlite").path))
        do {
            try await database.migrate()
            let csv = GeneratedCSV.bytes(rows: customerCount)
            let start = ContinuousClock.now
            let summary = try await CustomerImport(database).run(bytes: csv, onDuplicate: .reject, dryRun: false,
                                                                 by: database.system("bench"))
            let elapsed = ContinuousClock.now - start
            precondition(summary.imported == customerCount && summary.rejected.isEmpty,
                         "import: \(summary.imported) imported, \(summary.rejected.prefix(3))")
            try await database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            try await database.execute("ANALYZE")
            await database.shutdown()
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("Pre-filled \(customerCount) customers by CustomerImport in \(String(format: "%.1f", seconds)) s "
                  + "(\(Int(Double(customerCount) / seconds)) rows/s) at \(directory.path)")
        } catch {
            await database.shutdown()
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
        try FileManager.default.moveItem(at: partial, to: directory)
    }
}

/// A deterministic customer CSV in the import format, shaped like scripts/bench/gen-customers.py:
/// Chinese names and addresses, unique mobiles (13/15/17/18/19…) and unique emails.
enum GeneratedCSV {
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
    static let given = Array("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥建文辉力鹏飞宇浩然子轩梓涵一诺欣怡雨桐思远嘉怡俊杰晨曦佳琪文博晓东海燕春梅志强国庆德华小明小红丹丹")
    static let cities = ["北京市朝阳区", "上海市浦东新区", "广州市天河区", "深圳市南山区", "杭州市西湖区", "成都市武侯区"]
    static let streets = ["人民路", "解放路", "中山路", "建设路", "和平街", "长江路", "新华路", "文化路"]
    static let organizations = ["华信科技有限公司", "金诚贸易有限公司", "天元餐饮管理有限公司", "博远汽车服务有限公司"]
    static let tiers = ["standard", "standard", "standard", "standard", "standard", "standard", "standard",
                        "gold", "gold", "VIP"]
    static let stages = ["new", "returning", "loyal", "at_risk", "lost"]
    static let tags = ["车主", "老客户", "高价值", "投诉过", "会员", "潜在客户", "团购", "线上", "门店", "wechat"]
    static let domains = ["example.com", "example.cn", "mail.example.net", "corp.example.org"]
    static let prefixes = ["13", "15", "17", "18", "19"]

    /// Customer i's mobile: a prefix and a bijection of i over nine digits (as gen-customers.py).
    static func phone(_ i: Int) -> String {
        prefixes[i % 5] + String(format: "%09d", (i / 5 * 387_420_489 + 12_345) % 1_000_000_000)
    }

    /// Eight digits of customer 4,242's mobile and its email's local part: one customer each.
    static let phoneFragment = String(phone(4_242).dropFirst(2).prefix(8))
    static let emailFragment = "user4242."

    static func bytes(rows: Int) -> [UInt8] {
        var random = SplitMix(state: 42)
        var out = "name,kind,phone,email,tier,tags,stage,gender,birthday,address,organization,consent_sms,remarks\n"
        out.reserveCapacity(rows * 150)
        for i in 0..<rows {
            let person = random.below(10) != 0
            var name = String(surnames[random.below(surnames.count)])
            for _ in 0..<(1 + random.below(2)) { name.append(given[random.below(given.count)]) }
            if !person { name = String(cities[random.below(cities.count)].prefix(2)) + organizations[random.below(4)] }
            let tagCount = [0, 1, 1, 2, 2, 3][random.below(6)]
            var chosen: [String] = []
            while chosen.count < tagCount {
                let tag = tags[random.below(tags.count)]
                if !chosen.contains(tag) { chosen.append(tag) }
            }
            let birthday = person && random.below(2) == 0
                ? String(format: "%04d-%02d-%02d", 1950 + random.below(56), 1 + random.below(12), 1 + random.below(28))
                : ""
            let address = random.below(10) < 6
                ? cities[random.below(cities.count)] + streets[random.below(streets.count)] + "\(1 + random.below(999))号"
                : ""
            let fields = [
                name, person ? "person" : "organization", phone(i),
                "user\(i).\(random.letters(4))@\(domains[i % domains.count])",
                tiers[random.below(tiers.count)], chosen.joined(separator: ";"), stages[random.below(stages.count)],
                person ? ["female", "male", "unspecified"][random.below(3)] : "", birthday, address,
                person && random.below(5) == 0 ? organizations[random.below(4)] : "",
                random.below(2) == 0 ? "true" : "false",
                random.below(10) == 0 ? "偏好周末上门 需提前电话联系" : "",
            ]
            out += fields.joined(separator: ",")
            out += "\n"
        }
        return Array(out.utf8)
    }

    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

        mutating func letters(_ count: Int) -> String {
            String((0..<count).map { _ in Character(Unicode.Scalar(UInt8(97 + below(26)))) })
        }
    }
}
