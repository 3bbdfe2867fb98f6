import Foundation
import KefuStore

/// A one-line progress display (rows done, rows/s, time left) on a terminal's stderr only.
final class ProgressLine: @unchecked Sendable {
    let isActive = isatty(STDERR_FILENO) == 1
    private let start = ContinuousClock.now
    private let lock = NSLock()
    private var lastDraw: ContinuousClock.Instant?

    func update(_ done: Int, _ fraction: Double) {
        lock.lock()
        defer { lock.unlock() }
        let now = ContinuousClock.now
        if let lastDraw, now - lastDraw < .milliseconds(200) { return }
        lastDraw = now
        let elapsed = max((now - start) / .seconds(1), 0.001)
        let rate = Double(done) / elapsed
        let left = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        FileHandle.standardError.write(
            Data(String(format: "\r%d rows, %.0f rows/s, %.0f s left   ", done, rate, left).utf8))
    }

    /// What an import calls with its progress: nil when stderr is not a terminal.
    var report: CustomerImport.Progress? {
        isActive ? { @Sendable [self] done, fraction in update(done, fraction) } : nil
    }

    func finish() {
        if isActive, lastDraw != nil { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
