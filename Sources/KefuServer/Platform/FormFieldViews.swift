import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// One input: its text, its messages and (for identity clashes) a link to the other customer.
struct FieldView {
    var value: String
    var errors: [String]
    var invalid: Bool
    var conflictURL: String?
}

/// A select with its messages.
struct SelectView {
    var options: [Option]
    var errors: [String]
    var invalid: Bool
}

struct CheckView {
    var name: String
    var label: String
    var checked: Bool
}
