/// A runtime failure of a command: printed as one line on stderr, exit code 1 unless the command's contract
/// names another (`kefu mail ingest` exits 75 when the MTA should retry).
/// Usage problems are `ArgumentParser.ValidationError` instead (exit code 2).
struct CLIFailure: Error, CustomStringConvertible {
    let description: String
    let exitCode: Int32
    init(_ message: String, exitCode: Int32 = 1) {
        description = message
        self.exitCode = exitCode
    }
}
