import Foundation

/// Reads one JSON object of a basket or a promotion field by field and turns every `DecodingError` into a
/// `PromotionInputError` naming the subject and the field, so a wrong type, a missing key and a broken rule
/// all read the same way (`promotion m300: off: expected an integer`).
struct PromotionJSONReader {
    private let container: KeyedDecodingContainer<AnyCodingKey>
    var subject: PromotionInputError.Subject
    /// The object's own field path (`window.`), empty at the top.
    private let prefix: String

    /// The object `decoder` holds; anything else is an error on the subject itself.
    init(_ decoder: any Decoder, subject: PromotionInputError.Subject, expected: String) throws(PromotionInputError) {
        do {
            container = try decoder.container(keyedBy: AnyCodingKey.self)
        } catch {
            throw PromotionInputError(subject, field: nil, "expected \(expected)")
        }
        self.subject = subject
        prefix = ""
    }

    private init(
        _ container: KeyedDecodingContainer<AnyCodingKey>, subject: PromotionInputError.Subject, prefix: String
    ) {
        self.container = container
        self.subject = subject
        self.prefix = prefix
    }

    func failure(_ key: String, _ message: String) -> PromotionInputError {
        PromotionInputError(subject, field: prefix + key, message)
    }

    /// The value under `key`, nil when the key is absent or `null`. `expected` describes the field for a type
    /// error on it, `element` what goes inside it (a list's items, a map's values) for one deeper down.
    func optional<T: Decodable>(_ key: String, _ type: T.Type, expected: String, element: String? = nil)
        throws(PromotionInputError) -> T?
    {
        do {
            return try container.decodeIfPresent(type, forKey: AnyCodingKey(key))
        } catch let error as DecodingError {
            let path = Self.path(of: error).dropFirst(container.codingPath.count + 1)
            guard !path.isEmpty else { throw failure(key, "expected \(expected)") }
            throw failure(JSONPath.text([AnyCodingKey(key)] + path), "expected \(element ?? expected)")
        } catch let error as PromotionInputError {
            throw error
        } catch {
            // Foundation's own error for a number that fits no Swift integer (1.5, 1e300).
            throw failure(key, "expected \(expected)")
        }
    }

    /// The value under `key`; absent or `null` is an error.
    func required<T: Decodable>(_ key: String, _ type: T.Type, expected: String, element: String? = nil)
        throws(PromotionInputError) -> T
    {
        guard let value = try optional(key, type, expected: expected, element: element) else {
            throw failure(key, "required")
        }
        return value
    }

    /// The integer under `key`, `fallback` when absent or `null`; required without a fallback.
    func integer(_ key: String, default fallback: Int? = nil) throws(PromotionInputError) -> Int {
        if let fallback { return try optional(key, Int.self, expected: "an integer") ?? fallback }
        return try required(key, Int.self, expected: "an integer")
    }

    /// An RFC 3339 instant with an offset under `key`, nil when absent or `null`.
    func optionalInstant(_ key: String) throws(PromotionInputError) -> Date? {
        guard let text = try optional(key, String.self, expected: "an RFC 3339 time with an offset") else {
            return nil
        }
        guard let date = RFC3339.date(text) else {
            throw failure(key, "\"\(text)\" is not an RFC 3339 time with an offset")
        }
        return date
    }

    func instant(_ key: String) throws(PromotionInputError) -> Date {
        guard let date = try optionalInstant(key) else { throw failure(key, "required") }
        return date
    }

    /// The object under `key`, nil when absent or `null`.
    func object(_ key: String, expected: String) throws(PromotionInputError) -> PromotionJSONReader? {
        let codingKey = AnyCodingKey(key)
        guard container.contains(codingKey), (try? container.decodeNil(forKey: codingKey)) != true else {
            return nil
        }
        do {
            let nested = try container.nestedContainer(keyedBy: AnyCodingKey.self, forKey: codingKey)
            return PromotionJSONReader(nested, subject: subject, prefix: prefix + key + ".")
        } catch {
            throw failure(key, "expected \(expected)")
        }
    }

    /// The decoders of the items of the list under `key`, which is required.
    func items(_ key: String, expected: String) throws(PromotionInputError) -> [any Decoder] {
        let codingKey = AnyCodingKey(key)
        guard container.contains(codingKey), (try? container.decodeNil(forKey: codingKey)) != true else {
            throw failure(key, "required")
        }
        do {
            var list = try container.nestedUnkeyedContainer(forKey: codingKey)
            var decoders: [any Decoder] = []
            while !list.isAtEnd { decoders.append(try list.superDecoder()) }
            return decoders
        } catch {
            throw failure(key, "expected \(expected)")
        }
    }

    private static func path(of error: DecodingError) -> [any CodingKey] {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
            .dataCorrupted(let context):
            return context.codingPath
        @unknown default: return []
        }
    }
}
