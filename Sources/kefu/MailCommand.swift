import ArgumentParser

/// `kefu mail …`: the email channel's commands.
struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail", abstract: "Receive mail into tickets.", subcommands: [MailIngestCommand.self])
}
