import Foundation
import Testing

@testable import KefuCore

/// The estimated wait of issue 14 §5 on hand-checked numbers: the smoothed service time, Cobham plus the
/// position-based remainder and its range, the fallbacks, and the accuracy summary.
@Suite struct QueueWaitEstimateTests {
    @Test func serviceTimeAverageTakesThePlainMeanFirstThenSmoothsByAFifth() {
        var average = ServiceTimeAverage(meanMinutes: 5)
        #expect(average.meanMinutes == 5 && average.observations == 0)
        average.observe(minutes: 12)
        #expect(average.meanMinutes == 12)
        for minutes in [8.0, 10, 10, 10] { average.observe(minutes: minutes) }
        #expect(calcClose(average.meanMinutes, 10))
        average.observe(minutes: 20)
        #expect(calcClose(average.meanMinutes, 12))
        average.observe(minutes: -1)
        average.observe(minutes: .nan)
        #expect(average.observations == 6 && calcClose(average.meanMinutes, 12))
        var resumed = ServiceTimeAverage(meanMinutes: 12, observations: 6)
        resumed.observe(minutes: 2)
        #expect(calcClose(resumed.meanMinutes, 10))
    }

    /// M/M/2, λ = 20 an hour, S = 5 minutes (the `MMcQueueTests` case), classes 30 % / 70 %.
    static let estimate = QueueWaitEstimate(
        arrivalsPerMinute: 20.0 / 60, openCounters: 2, meanServiceMinutes: 5, classShares: [0.3, 0.7])

    @Test func isTheCobhamClassWaitPlusTheTicketsAheadOverTheCounters() throws {
        let cobham = try MMcQueue(arrivalsPerHour: 20, serviceMinutes: 5, servers: 2).priorityWaitMinutes(shares: [
            0.3, 0.7,
        ])
        #expect(calcClose(Self.estimate.expectedMinutes(classRank: 0, ticketsAhead: 0), cobham[0], 1e-9))
        #expect(calcClose(Self.estimate.expectedMinutes(classRank: 1, ticketsAhead: 3), cobham[1] + 7.5, 1e-9))
        // Shares are relative; a class nobody else is in waits the M/M/c wait.
        var scaled = Self.estimate
        scaled.classShares = [3, 7]
        #expect(calcClose(scaled.expectedMinutes(classRank: 1, ticketsAhead: 3), cobham[1] + 7.5, 1e-9))
        var alone = Self.estimate
        alone.classShares = [0, 1]
        let mmc = try MMcQueue(arrivalsPerHour: 20, serviceMinutes: 5, servers: 2).meanWaitMinutes
        #expect(calcClose(alone.expectedMinutes(classRank: 1, ticketsAhead: 0), mmc, 1e-9))
    }

    @Test func anAbsurdLineIsCappedRatherThanOverflowing() {
        let estimate = QueueWaitEstimate(
            arrivalsPerMinute: 0.1, openCounters: 1, meanServiceMinutes: 1440, classShares: [1])
        let range = estimate.range(classRank: 0, ticketsAhead: Int.max)
        #expect(range.low == Int(0.75 * QueueWaitEstimate.maxMinutes))
        #expect(range.high == Int(1.25 * QueueWaitEstimate.maxMinutes))
    }

    @Test func theRangeIsAQuarterEitherSideInWholeMinutes() throws {
        // Class 2 with three ahead: W₀ = (25/33) · 5 / 2, W₂ = W₀ / ((1 − 0.25)(1 − 5/6)) ≈ 15.15, plus 7.5 ≈ 22.65:
        // ⌊16.99⌋ = 16 to ⌈28.31⌉ = 29.
        #expect(Self.estimate.range(classRank: 1, ticketsAhead: 3) == QueueWaitRange(low: 16, high: 29))
        let idle = QueueWaitEstimate(arrivalsPerMinute: 0, openCounters: 3, meanServiceMinutes: 4, classShares: [1])
        #expect(idle.range(classRank: 0, ticketsAhead: 0) == QueueWaitRange(low: 0, high: 0))
        #expect(idle.range(classRank: 0, ticketsAhead: 3) == QueueWaitRange(low: 3, high: 5))
    }

    @Test func anOverloadedOrClosedBranchFallsBackToThePosition() {
        // ρ = 30 · 5 / 120 ≥ 1: no stationary wait, only the 4 ahead × 5 / 2.
        let overloaded = QueueWaitEstimate(
            arrivalsPerMinute: 0.5, openCounters: 2, meanServiceMinutes: 5, classShares: [0.3, 0.7])
        #expect(overloaded.expectedMinutes(classRank: 1, ticketsAhead: 4) == 10)
        #expect(overloaded.range(classRank: 1, ticketsAhead: 4) == QueueWaitRange(low: 7, high: 13))
        // No counter open: as if one were.
        let closed = QueueWaitEstimate(arrivalsPerMinute: 0.1, openCounters: 0, meanServiceMinutes: 5, classShares: [1])
        #expect(closed.expectedMinutes(classRank: 0, ticketsAhead: 2) == 10)
    }

    @Test func accuracyIsTheMeanErrorAgainstTheMidpointAndTheShareInsideTheRange() {
        let accuracy = QueueEstimateAccuracy([
            .init(estimate: QueueWaitRange(low: 4, high: 6), actualMinutes: 5),
            .init(estimate: QueueWaitRange(low: 4, high: 6), actualMinutes: 8),
            .init(estimate: QueueWaitRange(low: 0, high: 2), actualMinutes: 0),
        ])
        #expect(accuracy.count == 3)
        #expect(calcClose(accuracy.meanAbsoluteErrorMinutes!, 4.0 / 3))
        #expect(calcClose(accuracy.shareWithinRange!, 2.0 / 3))
        let none = QueueEstimateAccuracy([])
        #expect(none.count == 0 && none.meanAbsoluteErrorMinutes == nil && none.shareWithinRange == nil)
    }
}
