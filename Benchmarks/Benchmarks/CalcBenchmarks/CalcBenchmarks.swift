// Service-science calculators (issue 3): Erlang C up to N = 1,000 agents, the staffing search, and
// the BG/NBD + Gamma-Gamma fits on CDNOW and on 1,000,000 synthetic customers; the promotion engine (issue 15);
// the queue simulator (issue 14).
// Targets: CDNOW fit < 50 ms; 1,000,000-customer fit < 5 s; Erlang C up to N = 1,000; a quote p99 < 1 ms;
// the simulator ≥ 1,000,000 simulated customers per second.

import Benchmark
import Foundation
import KefuCore

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 3,
        maxDuration: .seconds(3),
        maxIterations: 10_000
    )

    // Erlang C figures at offered load A = 0.95·N (calls × AHT / interval), 20 s answer target.
    for agents in [10, 100, 1_000] {
        Benchmark("ErlangC.figures N=\(agents) A=0.95N") { benchmark in
            let interval = try ErlangC(calls: Decimal(agents) * 95, intervalSeconds: 1800, ahtSeconds: 18)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(interval.figures(agents: agents, targetSeconds: 20))
            }
        }
    }

    // Smallest N meeting 80/20 for 5,000 calls × 340 s per 30 min (A ≈ 944 → 961 agents).
    Benchmark("Staffing.plan A≈944 (80/20)") { benchmark in
        let interval = try ErlangC(calls: 5000, intervalSeconds: 1800, ahtSeconds: 340)
        let target = try StaffingTarget(targetSeconds: 20, serviceLevel: Decimal(string: "0.8")!)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try Staffing.plan(for: interval, target: target))
        }
    }

    // CDNOW (2,357 customers, 946 of them repeat buyers).
    Benchmark("BG/NBD fit CDNOW (2,357)", closure: { benchmark, customers in
        for _ in benchmark.scaledIterations { blackHole(try! BGNBDParameters.fit(customers)) }
    }, setup: { try CDNOW.summaries() })

    Benchmark("Gamma-Gamma fit CDNOW", closure: { benchmark, customers in
        for _ in benchmark.scaledIterations { blackHole(try! GammaGammaParameters.fit(customers)) }
    }, setup: { try CDNOW.summaries() })

    Benchmark("CLV report CDNOW (both fits + per-customer CLV)", closure: { benchmark, customers in
        for _ in benchmark.scaledIterations {
            blackHole(try! CustomerLifetimeValue.report(customers, horizon: 39, months: 12, discountRate: 0.01,
                                                        period: .week))
        }
    }, setup: { try CDNOW.summaries() })

    // 1,000,000 customers drawn from the BG/NBD process, generated in the setup (not measured).
    let million = Benchmark.Configuration(warmupIterations: 1, maxDuration: .seconds(20), maxIterations: 10)
    for recency in [Synthetic.Recency.wholeWeeks, .continuous] {
        Benchmark("BG/NBD fit 1M synthetic, \(recency.rawValue)", configuration: million, closure: { benchmark, customers in
            for _ in benchmark.scaledIterations { blackHole(try! BGNBDParameters.fit(customers)) }
        }, setup: { Synthetic.customers(1_000_000, recency: recency) })
    }
    Benchmark("Gamma-Gamma fit 1M synthetic", configuration: million, closure: { benchmark, customers in
        for _ in benchmark.scaledIterations { blackHole(try! GammaGammaParameters.fit(customers)) }
    }, setup: { Synthetic.customers(1_000_000, recency: .wholeWeeks) })

    // A 50-line basket against 1,000 active promotions: 30 applicable, in 5 groups, the rest failing a window,
    // tier, branch or coupon condition.
    Benchmark("quote 50 lines × 1,000 promotions", closure: { benchmark, workload in
        for _ in benchmark.scaledIterations {
            blackHole(PromotionEngine.quote(workload.basket, promotions: workload.promotions))
        }
    }, setup: { try QuoteWorkload.make() })

    // The queue simulator (issue 14 §7) on the example branch (3 counters, vip 6 + normal 30 an hour,
    // lognormal service of mean 4 and sd 1.5 minutes, aged every 10 minutes: ρ = 0.8), kept open for 1,666,667
    // minutes: about 1,000,000 customers per iteration, so ≥ 1 iteration a second is ≥ 1,000,000 customers a second.
    Benchmark("simulate-queue 1,000,000 customers", configuration: million) { benchmark in
        let config = try QueueSimulatorConfig(
            counters: 3, openMinutes: 1_666_667, serviceMinutes: .lognormal(mean: 4, sd: 1.5),
            classes: [.init(name: "vip", arrivalsPerHour: 6), .init(name: "normal", arrivalsPerHour: 30)],
            policy: .aged(agingMinutes: 10))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(QueueSimulator.run(config, days: 1, seed: 1))
        }
    }
}

/// The quote benchmark's basket and promotions, the same on every run: the applicable promotions cycle through
/// the six kinds, every third is ungrouped, the others fall into groups g0…g4, so groups mix member prices,
/// bundles, order-level discounts and gifts.
enum QuoteWorkload {
    static let applicable = 30
    static let groups = 5

    static func make(lines: Int = 50, promotions count: Int = 1_000) throws -> (basket: Basket, promotions: [Promotion]) {
        var random = Synthetic.LCG(state: 15)
        func pick(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() * Double(range.count)) }
        let basket = try Basket(
            at: RFC3339.date("2026-02-14T12:00:00+08:00")!, tier: "VIP", branch: "SH", coupons: ["SPRING"],
            lines: (0..<lines).map { BasketLine(sku: "S\($0)", category: "C\($0 % 10)", quantity: pick(1...3),
                                                unitPrice: pick(5...500) * 100) })
        let past = PromotionWindow(from: RFC3339.date("2025-02-01T00:00:00+08:00")!,
                                   to: RFC3339.date("2025-02-08T00:00:00+08:00")!)
        let step = count / applicable
        var promotions: [Promotion] = []
        for index in 0..<count {
            let slot = index / step
            let active = index % step == 0 && slot < applicable
            let sku = { "S\(pick(0...(lines - 1)))" }
            let kind: PromotionKind
            switch slot % 6 {
            case 0: kind = .memberPrice(prices: Dictionary((0..<5).map { _ in (sku(), ["VIP": pick(4...400) * 100]) },
                                                           uniquingKeysWith: { first, _ in first }))
            case 1: kind = .bundle(skus: Set([sku(), sku(), sku()]).sorted(), price: pick(10...600) * 100)
            case 2: kind = .percentOff(percent: pick(5...30))
            case 3: kind = .threshold(threshold: pick(100...2000) * 100, off: pick(10...300) * 100, repeats: true,
                                      cap: pick(100...1000) * 100)
            case 4: kind = .amountOff(off: pick(10...500) * 100, minSpend: pick(0...5000) * 100)
            default: kind = .gift(threshold: pick(100...3000) * 100,
                                  gift: PromotionGift(sku: "GIFT\(slot)", quantity: 1, value: pick(5...200) * 100))
            }
            let scope = slot % 4 == 1 ? PromotionScope(skus: [sku(), sku()], categories: ["C\(pick(0...9))"]) : nil
            // Inactive promotions fail one condition each, in turn.
            let conditions: PromotionConditions
            switch active ? -1 : index % 4 {
            case 0: conditions = PromotionConditions(window: past, scope: scope)
            case 1: conditions = PromotionConditions(tiers: ["gold"], scope: scope)
            case 2: conditions = PromotionConditions(branches: ["BJ"], scope: scope)
            case 3: conditions = PromotionConditions(coupon: "WINTER", scope: scope)
            default: conditions = PromotionConditions(tiers: ["VIP"], branches: ["SH"], scope: scope)
            }
            promotions.append(try Promotion(
                id: "promo-\(index)", kind: kind, priority: pick(0...3),
                group: active && slot % 3 == 0 ? nil : "g\(slot % groups)", conditions: conditions))
        }
        return (basket, promotions)
    }
}

/// The CDNOW summary in `../shared/data/` beside the repository (or `KEFU_CDNOW_CSV`).
enum CDNOW {
    static let fileName = "cdnow_summary_monetary.csv"

    static func summaries() throws -> [CustomerSummary] {
        let text = try String(contentsOfFile: try path(), encoding: .utf8)
        return try CalcCSV(parsing: text).summaries()
    }

    /// Walks up from this source file: Benchmarks/Benchmarks/CalcBenchmarks → … → repo → its parent.
    static func path() throws -> String {
        if let explicit = ProcessInfo.processInfo.environment["KEFU_CDNOW_CSV"] { return explicit }
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            for candidate in ["shared/data/\(fileName)", "data/\(fileName)"] {
                let url = directory.appendingPathComponent(candidate)
                if FileManager.default.fileExists(atPath: url.path) { return url.path }
            }
            directory.deleteLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: fileName,
                                                     NSLocalizedDescriptionKey: "\(fileName) not found above \(#filePath); set KEFU_CDNOW_CSV"])
    }
}

/// Customers drawn from the BG/NBD process itself: λ ~ Gamma(0.25, 1/4.4), p ~ Beta(0.8, 2.4), ages
/// uniform in 1…52 weeks, with a fixed-seed LCG so every run fits the same data.
enum Synthetic {
    enum Recency: String {
        /// Recency rounded up to whole weeks: ~15,000 distinct (x, t_x, T) groups.
        case wholeWeeks = "whole weeks"
        /// Continuous recency: ~350,000 distinct groups, the worst case for the grouped likelihood.
        case continuous = "continuous recency"
    }

    struct LCG {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(UInt64(1) << 53)
        }

        /// Marsaglia–Tsang, with the boost for shape < 1.
        mutating func gamma(_ shape: Double, _ scale: Double) -> Double {
            if shape < 1 { return gamma(shape + 1, scale) * pow(next(), 1 / shape) }
            let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
            while true {
                var x = 0.0, v = 0.0
                repeat {
                    let u1 = next(), u2 = next()
                    x = (-2 * log(max(u1, 1e-300))).squareRoot() * cos(2 * .pi * u2)
                    v = 1 + c * x
                } while v <= 0
                v = v * v * v
                if log(next()) < 0.5 * x * x + d - d * v + d * log(v) { return d * v * scale }
            }
        }
    }

    static func customers(_ count: Int, recency mode: Recency) -> [CustomerSummary] {
        var random = LCG(state: 42)
        var customers: [CustomerSummary] = []
        customers.reserveCapacity(count)
        for i in 0..<count {
            let lambda = random.gamma(0.25, 1 / 4.4)
            let ga = random.gamma(0.8, 1), gb = random.gamma(2.4, 1)
            let dropout = ga / (ga + gb)
            let age = Double(1 + Int(random.next() * 52))
            var t = 0.0, purchases = 0, last = 0.0
            while true {
                t += -log(max(random.next(), 1e-300)) / lambda
                if t > age { break }
                purchases += 1
                last = t
                if random.next() < dropout { break }
            }
            let recency = purchases == 0 ? 0 : (mode == .continuous ? last : max(1, last.rounded(.up)))
            customers.append(CustomerSummary(customerID: String(i), frequency: purchases, recency: recency, age: age,
                                             monetaryValue: purchases == 0 ? 0 : 10 + Double(i % 50)))
        }
        return customers
    }
}
