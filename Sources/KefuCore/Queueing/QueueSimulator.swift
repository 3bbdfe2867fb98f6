/// Simulates branch days (issue 14 §7) so a manager can compare `fifo`, `priority` and `aged` on their own
/// numbers before switching: each day starts empty, each class arrives as a Poisson stream over
/// [0, open minutes), any counter serves any class, service times are independent of class, and everyone still
/// waiting at closing is served. Deterministic for a seed; assumptions and checks in docs/SCIENCE.md §13.
///
/// Fast by construction (over 10⁶ customers a second in a release build): every policy is FIFO within a class
/// (`QueuePolicy.callsFirst`), so the waiting line is one FIFO queue per class and a call compares only their heads;
/// free counters are a binary heap of the instants they come free.
public enum QueueSimulator {
    public static func run(_ config: QueueSimulatorConfig, days: Int, seed: UInt64) -> QueueSimulationResult {
        var random = SplitMix(seed: seed)
        var day = Day(config)
        var tallies = config.classes.map { _ in Tally() }
        var busyMinutes = 0.0
        for _ in 0..<max(0, days) {
            busyMinutes += day.run(config, &random, &tallies)
        }
        let customers = tallies.reduce(0) { $0 + $1.customers }
        let totalWait = tallies.reduce(0) { $0 + $1.totalWait }
        let capacity = Double(config.counters) * config.openMinutes * Double(max(0, days))
        return QueueSimulationResult(
            customers: customers, meanWaitMinutes: customers == 0 ? 0 : totalWait / Double(customers),
            utilisation: capacity > 0 ? busyMinutes / capacity : 0,
            classes: zip(config.classes, tallies).map { customerClass, tally in tally.result(customerClass.name) })
    }

    /// The waits of one class. Zero waits, usually most of them, are only counted, so the p90 sorts the rest.
    struct Tally {
        var customers = 0
        var totalWait = 0.0
        var maxWait = 0.0
        var zeroWaits = 0
        var positiveWaits: [Double] = []

        mutating func record(_ wait: Double) {
            customers += 1
            if wait > 0 {
                totalWait += wait
                maxWait = max(maxWait, wait)
                positiveWaits.append(wait)
            } else {
                zeroWaits += 1
            }
        }

        func result(_ name: String) -> QueueSimulationResult.ClassResult {
            QueueSimulationResult.ClassResult(
                name: name, customers: customers, meanWaitMinutes: customers == 0 ? 0 : totalWait / Double(customers),
                p90WaitMinutes: p90(), maxWaitMinutes: maxWait)
        }

        /// The ⌈0.9·n⌉-th smallest wait: the smallest w with at least 90 % of the waits ≤ w.
        func p90() -> Double {
            let rank = (customers * 9 + 9) / 10
            guard rank > zeroWaits else { return 0 }
            return positiveWaits.sorted()[rank - zeroWaits - 1]
        }
    }

    /// One branch day; its buffers are kept from day to day.
    private struct Day {
        /// Arrival rates per minute, and their running sums for picking an arrival's class.
        let rates: [Double]
        let cumulativeRates: [Double]
        let totalRate: Double
        /// One FIFO line per class: arrival minutes and arrival numbers, read from `heads`.
        var arrivals: [[Double]]
        var sequences: [[Int64]]
        var heads: [Int]
        /// The instants the counters come free, a binary min-heap.
        var freeAt: [Double]

        init(_ config: QueueSimulatorConfig) {
            rates = config.classes.map { $0.arrivalsPerHour / 60 }
            var sum = 0.0
            cumulativeRates = rates.map {
                sum += $0
                return sum
            }
            totalRate = sum
            arrivals = rates.map { _ in [] }
            sequences = rates.map { _ in [] }
            heads = rates.map { _ in 0 }
            freeAt = Array(repeating: 0, count: config.counters)
        }

        /// Runs one day into `tallies`; returns the busy counter-minutes.
        mutating func run(_ config: QueueSimulatorConfig, _ random: inout SplitMix, _ tallies: inout [Tally]) -> Double
        {
            for index in freeAt.indices { freeAt[index] = 0 }
            var service = config.serviceMinutes.sampler()
            let open = config.openMinutes
            var busy = 0.0
            var waiting = 0
            var sequence: Int64 = 0
            var nextArrival = totalRate > 0 ? random.nextExponential() / totalRate : .infinity
            while true {
                let free = freeAt[0]
                if nextArrival < open, waiting == 0 || nextArrival <= free {
                    let rank = arrivingClass(&random)
                    if waiting == 0, free <= nextArrival {
                        tallies[rank].record(0)
                        let minutes = service.next(&random)
                        busy += minutes
                        startService(until: nextArrival + minutes)
                    } else {
                        arrivals[rank].append(nextArrival)
                        sequences[rank].append(sequence)
                        waiting += 1
                    }
                    sequence += 1
                    nextArrival += random.nextExponential() / totalRate
                } else if waiting > 0 {
                    let rank = nextClass(config.policy)
                    let arrived = arrivals[rank][heads[rank]]
                    heads[rank] += 1
                    if heads[rank] == arrivals[rank].count {
                        arrivals[rank].removeAll(keepingCapacity: true)
                        sequences[rank].removeAll(keepingCapacity: true)
                        heads[rank] = 0
                    }
                    waiting -= 1
                    tallies[rank].record(free - arrived)
                    let minutes = service.next(&random)
                    busy += minutes
                    startService(until: free + minutes)
                } else {
                    return busy
                }
            }
        }

        /// The class of an arrival, each with probability rate / total rate (merged Poisson streams).
        private func arrivingClass(_ random: inout SplitMix) -> Int {
            guard rates.count > 1 else { return 0 }
            let draw = random.nextUnit() * totalRate
            for (rank, sum) in cumulativeRates.enumerated() where draw < sum { return rank }
            return rates.count - 1
        }

        /// The class whose head `policy` calls first.
        private func nextClass(_ policy: QueuePolicy) -> Int {
            var best = -1
            var bestPlace = QueuePlace(classRank: 0, arrivalMinute: 0, sequence: 0)
            for rank in heads.indices where heads[rank] < arrivals[rank].count {
                let place = QueuePlace(
                    classRank: rank, arrivalMinute: arrivals[rank][heads[rank]], sequence: sequences[rank][heads[rank]])
                if best < 0 || policy.callsFirst(place, before: bestPlace) {
                    best = rank
                    bestPlace = place
                }
            }
            return best
        }

        /// The earliest-free counter takes a customer until `end`: replace the heap's top and sift it down.
        private mutating func startService(until end: Double) {
            let count = freeAt.count
            var index = 0
            while true {
                let left = 2 * index + 1
                guard left < count else { break }
                let right = left + 1
                let child = right < count && freeAt[right] < freeAt[left] ? right : left
                guard freeAt[child] < end else { break }
                freeAt[index] = freeAt[child]
                index = child
            }
            freeAt[index] = end
        }
    }
}
