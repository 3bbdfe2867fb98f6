extension QueueReplay {
    /// The simulator's config fitted to recorded days (issue 14 §7), so a manager can try other counters on rates
    /// like their own: the doors open for the days' mean minutes from first to last arrival (at least one), each
    /// class arriving at its recorded count over all those minutes, and lognormal service times with the recorded
    /// mean and standard deviation; classes in `classOrder`'s order. Days without arrivals count for nothing; with
    /// none at all, or no service time above zero, it fails as the config does (naming its field).
    public static func fittedConfig(
        days: [[RecordedArrival]], counters: Int, policy: QueuePolicy, classOrder: QueueClassOrder = .default
    ) throws(ValidationFailure) -> QueueSimulatorConfig {
        let recorded = days.filter { !$0.isEmpty }
        let spans = recorded.map { day in
            max(1, (day.map(\.minute).max() ?? 0) - (day.map(\.minute).min() ?? 0))
        }
        let openMinutes = spans.reduce(0, +)
        let all = recorded.flatMap { $0 }
        let mean = all.isEmpty ? 0 : all.map(\.serviceMinutes).reduce(0, +) / Double(all.count)
        let variance =
            all.isEmpty
            ? 0
            : all.map { ($0.serviceMinutes - mean) * ($0.serviceMinutes - mean) }.reduce(0, +)
                / Double(all.count)
        return try QueueSimulatorConfig(
            counters: counters, openMinutes: recorded.isEmpty ? 0 : openMinutes / Double(recorded.count),
            serviceMinutes: .lognormal(mean: mean, sd: variance.squareRoot()),
            classes: classOrder.classes.map { queueClass in
                let count = all.filter { $0.queueClass == queueClass }.count
                return .init(
                    name: queueClass.rawValue,
                    arrivalsPerHour: openMinutes > 0 ? Double(count) / (openMinutes / 60) : 0)
            },
            policy: policy)
    }
}
