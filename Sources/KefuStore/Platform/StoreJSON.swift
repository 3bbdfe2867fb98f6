import Foundation

/// JSON columns are written with sorted keys so equal values are equal text (cheap diffs).
enum StoreJSON {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError.corrupt("Stored JSON for \(T.self) does not decode: \(error)")
        }
    }

    /// A value as a flat JSON object of its top-level keys, each value re-encoded as JSON text;
    /// used to list changed fields with their before/after values.
    static func fields(of value: some Encodable) throws -> [String: String] {
        let data = try JSONEncoder().encode(value)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        var result: [String: String] = [:]
        for (key, item) in object {
            let itemData = try JSONSerialization.data(
                withJSONObject: item, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])
            result[key] = String(decoding: itemData, as: UTF8.self)
        }
        return result
    }
}
