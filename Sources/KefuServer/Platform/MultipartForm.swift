import Foundation

/// A `multipart/form-data` body split into its parts, byte for byte (an uploaded CSV may be GBK,
/// so file contents are never decoded here). Parts are slices of the body, not copies: an upload
/// may be tens of megabytes.
struct MultipartForm {
    struct Part {
        var name: String
        var filename: String?
        var bytes: ArraySlice<UInt8>
    }

    var parts: [Part] = []

    /// The `boundary` parameter of a `multipart/form-data` content type.
    static func boundary(contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }

    /// Nil when the body is not framed by `boundary` as RFC 7578 says.
    init?(body: [UInt8], boundary: String) {
        let delimiter = Array("--\(boundary)".utf8)
        let crlf: [UInt8] = [13, 10]
        var positions: [Int] = []
        var from = 0
        while let found = Self.find(delimiter, in: body[...], from: from) {
            positions.append(found)
            from = found + delimiter.count
        }
        guard positions.count >= 2 else { return nil }
        for (start, end) in zip(positions, positions.dropFirst()) {
            var part = body[(start + delimiter.count)..<end]
            if part.starts(with: crlf) { part.removeFirst(2) }
            if part.suffix(2).elementsEqual(crlf) { part.removeLast(2) }
            guard let headerEnd = Self.find([13, 10, 13, 10], in: part, from: part.startIndex) else { return nil }
            let headers = String(decoding: part[..<headerEnd], as: UTF8.self)
            guard
                let disposition = headers.split(separator: "\r\n")
                    .first(where: { $0.lowercased().hasPrefix("content-disposition:") })
            else { return nil }
            guard let name = Self.parameter("name", in: disposition) else { return nil }
            parts.append(
                Part(
                    name: name, filename: Self.parameter("filename", in: disposition),
                    bytes: part[(headerEnd + 4)...]))
        }
    }

    func first(_ name: String) -> Part? { parts.first { $0.name == name } }

    func text(_ name: String) -> String { first(name).map { String(decoding: $0.bytes, as: UTF8.self) } ?? "" }

    private static func parameter(_ name: String, in header: Substring) -> String? {
        for item in header.split(separator: ";").dropFirst() {
            let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == name {
                return pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2
                    ? String(pair[1].dropFirst().dropLast()) : pair[1]
            }
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>, from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.endIndex - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
