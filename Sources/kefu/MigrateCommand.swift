import ArgumentParser

/// `kefu migrate`: brings the database schema up to date; `--dry-run` lists what that would apply.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Create or update the database schema.")

    @Flag(help: "List the pending migrations, one per line, without applying them.") var dryRun = false
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        if dryRun {
            let pending = try await options.withDatabase(migrating: false) { try await $0.pendingMigrations() }
            print(pending.isEmpty ? "No pending migrations." : pending.joined(separator: "\n"))
            return
        }
        try await options.withDatabase { _ in }
        print("Database \(options.location) is up to date.")
    }
}
