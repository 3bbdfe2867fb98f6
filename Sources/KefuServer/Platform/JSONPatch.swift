import Foundation

/// PATCH semantics for JSON objects: keys present in the patch replace the current values
/// (null clears), absent keys stay. With `nested`, an object in the patch is applied the same way
/// to the object it replaces (RFC 7396 merge patch), for documents such as the settings whose
/// nested groups are edited a member at a time. The result is decoded and validated like a create.
enum JSONPatch {
    static func apply<T: Codable>(
        _ patch: [String: Any], to current: T, decoder: JSONDecoder, nested: Bool = false
    ) throws -> T {
        let currentData = try JSONEncoder().encode(current)
        guard let object = try JSONSerialization.jsonObject(with: currentData) as? [String: Any] else { return current }
        let merged = try JSONSerialization.data(withJSONObject: merge(patch, into: object, nested: nested))
        return try decoder.decode(T.self, from: merged)
    }

    private static func merge(_ patch: [String: Any], into object: [String: Any], nested: Bool) -> [String: Any] {
        var object = object
        for (key, value) in patch {
            if nested, let inner = value as? [String: Any], let existing = object[key] as? [String: Any] {
                object[key] = merge(inner, into: existing, nested: true)
            } else {
                object[key] = value
            }
        }
        return object
    }
}
