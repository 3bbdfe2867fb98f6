/// A runtime failure of a command: printed as one line on stderr, exit code 1.
/// Usage problems are `ArgumentParser.ValidationError` instead (exit code 2).
struct CLIFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
