import ArgumentParser

/// `--format text|json` of the commands that print a line for people or an object for scripts.
enum TextOrJSON: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text
    case json
}
