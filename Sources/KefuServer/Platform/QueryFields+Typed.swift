import Foundation
import Hummingbird

extension QueryFields {
    /// The parameter `name` as one of `Value`'s cases: nil when absent or blank, a 400 listing the
    /// allowed values when it is none of them.
    func choice<Value: RawRepresentable<String> & CaseIterable>(_ name: String, _ type: Value.Type) throws -> Value? {
        guard let text = string(name)?.nilIfBlank else { return nil }
        guard let value = Value(rawValue: text) else {
            let values = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw Problem.badRequest("\(name) must be one of \(values).", field: name)
        }
        return value
    }
}

extension QueryFields {
    /// A search text in `name`, as sent (nil when absent); longer than `maxLength` characters is a 400.
    func searchText(_ name: String = "q", maxLength: Int = 200) throws -> String? {
        let text = string(name)
        if let text, text.count > maxLength {
            throw Problem.badRequest("\(name) is longer than \(maxLength) characters.", field: name)
        }
        return text
    }
}
