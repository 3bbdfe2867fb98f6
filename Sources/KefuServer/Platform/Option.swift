import Foundation
import HTTPTypes
import Hummingbird
import KefuCore
import Mustache

/// One `<option>` of a select.
struct Option {
    var value: String
    var label: String
    var selected: Bool
}

extension Option: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "label": label
        case "selected": selected
        default: nil
        }
    }
}
