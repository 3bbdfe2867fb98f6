import ArgumentParser
import Foundation

/// The `kefu` command. Exit codes are a contract: 0 ok, 1 failure, 2 usage error,
/// and every error is one line on stderr.
@main
struct Kefu: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kefu",
        abstract: "Kefu customer-service platform.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, BackupCommand.self, UserCommand.self, ImportCommand.self,
            ExportCommand.self, CalcCommand.self, MailCommand.self,
        ]
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CLIFailure {
            FileHandle.standardError.write(Data("kefu: \(failure.description)\n".utf8))
            Foundation.exit(failure.exitCode)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version print to stdout and exit 0.
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            FileHandle.standardError.write(Data("kefu: \(message)\n".utf8))
            Foundation.exit(code == .validationFailure ? 2 : 1)
        }
    }
}
