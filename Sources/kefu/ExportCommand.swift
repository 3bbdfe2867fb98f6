import ArgumentParser
import Foundation
import KefuStore

/// `kefu export customers [--out FILE]`: every customer as CSV in the import format.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export data as CSV.",
        subcommands: [Customers.self])

    struct Customers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "customers", abstract: "Export customers as CSV.")

        @Option(help: "Write to this file instead of standard output.") var out: String?
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            let handle: FileHandle
            if let out {
                guard FileManager.default.createFile(atPath: out, contents: nil),
                    let file = FileHandle(forWritingAtPath: out)
                else {
                    throw CLIFailure("cannot write \(out)")
                }
                handle = file
            } else {
                handle = FileHandle.standardOutput
            }
            let count = try await options.withDatabase { database in
                try await CustomerExport(database).run { chunk in handle.write(Data(chunk.utf8)) }
            }
            if out != nil {
                try handle.close()
                FileHandle.standardError.write(Data("Exported \(count) customers to \(out!).\n".utf8))
            }
        }
    }
}
