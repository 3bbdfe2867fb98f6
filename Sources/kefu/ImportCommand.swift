import ArgumentParser
import Foundation
import KefuCore
import KefuStore

/// `kefu import customers|purchases FILE.csv`: validates every row, reports rejected rows, writes the good
/// ones in one transaction (or nothing with --dry-run).
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import data from CSV.",
        subcommands: [Customers.self, Purchases.self])

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
            let policy = CustomerImport.OnDuplicate(rawValue: onDuplicate) ?? .reject
            let summary = try await options.withDatabase { database in
                do {
                    return try await CustomerImport(database).run(
                        file: url, onDuplicate: policy, dryRun: dryRun, by: database.system("cli-import"),
                        progress: progress.report)
                } catch let error as DomainError {
                    throw CLIFailure("\(file): \(error.cliMessage)")
                }
            }
            progress.finish()
            try ImportCommand.print(
                summary, rejected: summary.rejected, format: format,
                counts: "\(dryRun ? "Dry run: would import" : "Imported") \(summary.imported), "
                    + "merged \(summary.merged), skipped \(summary.skipped), rejected \(summary.rejected.count).")
        }
    }

    struct Purchases: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "purchases", abstract: "Import purchases from a CSV file.",
            discussion: "Columns: see README.md › Purchase CSV format.")

        @Argument(help: "The CSV file (UTF-8, with or without BOM, or GBK/GB18030).") var file: String
        @Flag(help: "Validate and report without writing anything.") var dryRun = false
        @Option(help: "text or json.") var format = TextOrJSON.text
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            guard FileManager.default.isReadableFile(atPath: file) else { throw CLIFailure("cannot read \(file)") }
            let progress = ProgressLine()
            let summary = try await options.withDatabase { database in
                do {
                    return try await PurchaseImport(database).run(
                        file: URL(fileURLWithPath: file), dryRun: dryRun, by: database.system("cli-import"),
                        progress: progress.report)
                } catch let error as DomainError {
                    throw CLIFailure("\(file): \(error.cliMessage)")
                }
            }
            progress.finish()
            try ImportCommand.print(
                summary, rejected: summary.rejected, format: format,
                counts: "\(dryRun ? "Dry run: would import" : "Imported") \(summary.imported), "
                    + "skipped \(summary.skipped), rejected \(summary.rejected.count).")
        }
    }

    /// An import's summary: the JSON object, or the counts and a line per rejected row.
    static func print(_ summary: some Encodable, rejected: [CSV.RowError], format: TextOrJSON, counts: String) throws {
        if format == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            Swift.print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        } else {
            Swift.print(counts)
            for error in rejected { Swift.print("  row \(error.row), \(error.column): \(error.reason)") }
        }
    }
}
