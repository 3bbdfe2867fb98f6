import Foundation
import MultipartKit
import NIOCore

/// A `multipart/form-data` body split into its parts by multipart-kit's parser, byte for byte (an
/// uploaded CSV may be GBK, so file contents are never decoded here).
struct MultipartForm {
    struct Part {
        var name: String
        var filename: String?
        var bytes: [UInt8]
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

    /// Nil when the body is not a form framed by `boundary` (multipart-kit's parser reads it).
    init?(body: ByteBuffer, boundary: String) {
        let parser = MultipartParser(boundary: boundary)
        var parts: [Part] = []
        var disposition: String?
        var bytes: [UInt8] = []
        var malformed = false
        parser.onHeader = { name, value in
            if name.lowercased() == "content-disposition" { disposition = value }
        }
        parser.onBody = { buffer in bytes += buffer.readableBytesView }
        parser.onPartComplete = {
            if let disposition, let name = Self.parameter("name", in: disposition[...]) {
                parts.append(Part(name: name, filename: Self.parameter("filename", in: disposition[...]), bytes: bytes))
            } else {
                malformed = true
            }
            disposition = nil
            bytes = []
        }
        do {
            try parser.execute(body)
        } catch {
            return nil
        }
        guard !malformed, !parts.isEmpty else { return nil }
        self.parts = parts
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
}
