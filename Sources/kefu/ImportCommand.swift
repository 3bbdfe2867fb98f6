import ArgumentParser
import Foundation
import KefuCore
import KefuStore

/// `kefu import customers FILE.csv`: validates every row, reports rejected rows, writes the good
/// ones in one transaction (or nothing with --dry-run).
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import data from CSV.",
        subcommands: [Customers.self])

    struct Customers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "customers", abstract: "Import customers from a CSV file.",
            discussion: "Columns: see README.md › Customer CSV format.")

        @Argument(help: "The CSV file (UTF-8, with or without BOM, or GBK/GB18030).") var file: String
        @Flag(help: "Validate and report without writing anything.") var dryRun = false
        @Option(help: "merge, skip or reject rows whose phone or email belongs to an existing customer.")
        var onDuplicate: String = "reject"
        @Option(help: "text or json.") var format = TextOrJSON.text
        @OptionGroup var options: DatabaseOptions

        func validate() throws {
            guard CustomerImport.OnDuplicate(rawValue: onDuplicate) != nil else {
                throw ValidationError("--on-duplicate must be merge, skip or reject.")
            }
        }

        func run() async throws {
            let url = URL(fileURLWithPath: file)
            guard FileManager.default.isReadableFile(atPath: file) else { throw CLIFailure("cannot read \(file)") }
            let progress = ProgressLine()
            let report: CustomerImport.Progress? =
                progress.isActive ? { @Sendable done, fraction in progress.update(done, fraction) } : nil
            let policy = CustomerImport.OnDuplicate(rawValue: onDuplicate) ?? .reject
            let summary = try await options.withDatabase { database in
                do {
                    return try await CustomerImport(database).run(
                        file: url, onDuplicate: policy, dryRun: dryRun, by: database.system("cli-import"),
                        progress: report)
                } catch let error as DomainError {
                    throw CLIFailure("\(file): \(error.cliMessage)")
                }
            }
            progress.finish()
            if format == .json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(summary), as: UTF8.self))
            } else {
                print(
                    "\(dryRun ? "Dry run: would import" : "Imported") \(summary.imported), merged \(summary.merged), "
                        + "skipped \(summary.skipped), rejected \(summary.rejected.count).")
                for error in summary.rejected { print("  row \(error.row), \(error.column): \(error.reason)") }
            }
        }
    }
}

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

    func finish() {
        if isActive, lastDraw != nil { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
