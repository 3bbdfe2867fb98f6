import ArgumentParser
import Foundation
import KefuCore
import KefuServer
import KefuStore

/// `kefu user add`: creates a staff account (the first admin comes from here).
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage staff accounts.",
        subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a staff account.",
            discussion: "With --password-stdin the password is the first line of standard input, its newline stripped.")

        @Option(help: "Login email.") var email: String
        @Option(help: "Display name.") var name: String
        @Option(help: "admin, manager or agent.") var role: String
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false
        @OptionGroup var options: DatabaseOptions

        func validate() throws {
            guard Role(rawValue: role) != nil else { throw ValidationError("--role must be admin, manager or agent.") }
            guard passwordStdin else {
                throw ValidationError("--password-stdin is required: pass the password on standard input.")
            }
        }

        func run() async throws {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw CLIFailure("no password on standard input")
            }
            let password = line.hasSuffix("\r") ? String(line.dropLast()) : line
            let role = Role(rawValue: role)!
            let user = try await options.withDatabase { database in
                do {
                    let hash = try await Passwords().hash(password)
                    return try await UserRepository(database).create(
                        email: email, name: name, role: role, passwordHash: hash,
                        by: database.system("cli"))
                } catch let error as DomainError {
                    throw CLIFailure(error.cliMessage)
                }
            }
            print("Created \(user.role.rawValue) \(user.email) (\(user.id.uuidString.lowercased())).")
        }
    }
}

extension DomainError {
    /// One line for the terminal.
    var cliMessage: String {
        switch self {
        case .invalid(let errors): errors.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
        case .notFound(let entity, let id): "no \(entity) \(id)"
        case .conflict(let message, _, _): message
        case .merged(let survivor): "merged into \(survivor.uuidString)"
        }
    }
}
