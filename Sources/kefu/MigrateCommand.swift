import ArgumentParser

/// `kefu migrate`: brings the database schema up to date.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Create or update the database schema.")

    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        try await options.withDatabase { _ in }
        print("Database \(options.location) is up to date.")
    }
}
