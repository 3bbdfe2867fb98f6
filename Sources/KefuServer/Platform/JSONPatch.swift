import Foundation

/// PATCH semantics for JSON objects: keys present in the patch replace the current values
/// (null clears), absent keys stay. The result is decoded and validated like a create.
enum JSONPatch {
    static func apply<T: Codable>(_ patch: [String: Any], to current: T, decoder: JSONDecoder) throws -> T {
        let currentData = try JSONEncoder().encode(current)
        guard var object = try JSONSerialization.jsonObject(with: currentData) as? [String: Any] else { return current }
        for (key, value) in patch { object[key] = value }
        let merged = try JSONSerialization.data(withJSONObject: object)
        return try decoder.decode(T.self, from: merged)
    }
}
