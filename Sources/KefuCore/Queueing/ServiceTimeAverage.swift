/// The observed service time of one service in one hour of the day (the store keeps one per pair), so an
/// estimated wait follows the slow clerk, the busy lunch hour and the new form instead of the service's nominal
/// minutes (issue 14 §5).
///
/// Exponentially weighted: each observation moves the mean a fraction `smoothing` = 0.2 of the way towards it,
/// so the last ten or so customers carry most of the weight (an observation's weight halves every three
/// customers) and one unusual customer moves it by a fifth of the difference. Until five customers have been
/// observed the weight is 1/n instead (the plain mean of what was seen), so the nominal minutes the average starts
/// from are replaced by the first observation rather than lingering.
public struct ServiceTimeAverage: Sendable, Hashable {
    /// The weight of the newest observation once there are 1 / smoothing of them.
    public static let smoothing = 0.2

    public private(set) var meanMinutes: Double
    public private(set) var observations: Int

    /// Starts from `meanMinutes` (a service's expected minutes, before anything is observed) or resumes a stored
    /// average.
    public init(meanMinutes: Double, observations: Int = 0) {
        self.meanMinutes = meanMinutes
        self.observations = observations
    }

    /// Takes in one finished service; a negative or non-finite duration (a clock fault) is ignored.
    public mutating func observe(minutes: Double) {
        guard minutes >= 0, minutes.isFinite else { return }
        observations += 1
        let weight = max(Self.smoothing, 1 / Double(observations))
        meanMinutes += weight * (minutes - meanMinutes)
    }
}
