import Hummingbird

/// A KefuCore value that writes its own API JSON, as a response.
struct EncodedDTO: ResponseEncodable, Sendable {
    let value: any Encodable & Sendable

    init(_ value: any Encodable & Sendable) { self.value = value }

    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
