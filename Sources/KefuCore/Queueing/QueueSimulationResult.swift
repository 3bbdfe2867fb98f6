/// What `QueueSimulator` reports, pooling the customers of all simulated days (issue 14 §7). Waits run from
/// arrival to the start of service.
public struct QueueSimulationResult: Sendable, Hashable {
    /// The waits of one class.
    public struct ClassResult: Sendable, Hashable {
        public var name: String
        public var customers: Int
        /// 0 for a class with no customers, as are the other two figures.
        public var meanWaitMinutes: Double
        /// The smallest wait w with at least 90 % of the class's customers waiting ≤ w.
        public var p90WaitMinutes: Double
        public var maxWaitMinutes: Double
    }

    public var customers: Int
    /// 0 without customers.
    public var meanWaitMinutes: Double
    /// Busy counter-minutes, service after closing included, over counters × open minutes × days.
    public var utilisation: Double
    /// In the config's order.
    public var classes: [ClassResult]
}
