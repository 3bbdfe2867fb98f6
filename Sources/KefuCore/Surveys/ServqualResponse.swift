/// One respondent's SERVQUAL answers. Ratings map item number → rating; a missing key is an item the
/// respondent skipped, which the scores leave out rather than count as zero. Two-column answers fill
/// `expectation`/`perception`, three-column ones `adequate`/`desired`/`perception`.
public struct ServqualResponse: Sendable, Hashable {
    public var respondentID: String
    public var expectation: [Int: Int]
    public var perception: [Int: Int]
    public var adequate: [Int: Int]
    public var desired: [Int: Int]
    /// The 100 importance points split over the five dimensions; nil when the respondent gave none.
    public var points: [ServqualDimension: Double]?

    public init(
        respondentID: String, expectation: [Int: Int] = [:], perception: [Int: Int] = [:],
        adequate: [Int: Int] = [:], desired: [Int: Int] = [:], points: [ServqualDimension: Double]? = nil
    ) {
        self.respondentID = respondentID
        self.expectation = expectation
        self.perception = perception
        self.adequate = adequate
        self.desired = desired
        self.points = points
    }
}

extension ServqualResponse {
    /// The response a form's fields give (`e5`, `a5`, `d5`, `p5` for item 5; `w_tangibles` for importance points),
    /// read in one pass over them, as the reports do for every stored answer. Other fields, and items outside
    /// 1–22, are not SERVQUAL's and are left out.
    public init(fields: [String: Int], respondentID: String) {
        self.init(respondentID: respondentID)
        var points: [ServqualDimension: Double] = [:]
        for (name, value) in fields {
            if name.hasPrefix("w_") {
                if let dimension = ServqualDimension(rawValue: String(name.dropFirst(2))) {
                    points[dimension] = Double(value)
                }
                continue
            }
            guard let first = name.first, let column = ServqualColumn(rawValue: String(first)),
                let item = Int(name.dropFirst()), Servqual.items.indices.contains(item - 1)
            else { continue }
            switch column {
            case .expectation: expectation[item] = value
            case .adequate: adequate[item] = value
            case .desired: desired[item] = value
            case .perception: perception[item] = value
            }
        }
        self.points = points.isEmpty ? nil : points
    }
}

extension ServqualResponse {
    /// The response stored answers give when they are a flat JSON object of whole numbers, as the store writes
    /// them (`{"e1":7,"p1":4,"w_tangibles":20}`), read in one pass over the bytes: the reports read every stored
    /// answer of a survey, and a general JSON decoder spends most of their time. Nil for anything else (a string
    /// value, an escape, a nested value), which the caller decodes the general way.
    public init?(storedJSON json: String, respondentID: String) {
        guard let fields = Self.flatIntegers(json) else { return nil }
        self.init(fields: fields, respondentID: respondentID)
    }

    /// The members of a flat JSON object whose values are all whole numbers; nil for any other text.
    static func flatIntegers(_ json: String) -> [String: Int]? {
        var fields: [String: Int] = [:]
        fields.reserveCapacity(72)
        var bytes = json.utf8.makeIterator()
        func isSpace(_ byte: UInt8?) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
                || byte == UInt8(ascii: "\r")
        }
        func next() -> UInt8? {
            var byte = bytes.next()
            while isSpace(byte) { byte = bytes.next() }
            return byte
        }
        guard next() == UInt8(ascii: "{") else { return nil }
        var byte = next()
        if byte == UInt8(ascii: "}") { return next() == nil ? fields : nil }
        while true {
            guard byte == UInt8(ascii: "\"") else { return nil }
            var key: [UInt8] = []
            while let character = bytes.next(), character != UInt8(ascii: "\"") {
                guard character != UInt8(ascii: "\\"), key.count < 64 else { return nil }
                key.append(character)
            }
            guard next() == UInt8(ascii: ":") else { return nil }
            var after = next()
            let negative = after == UInt8(ascii: "-")
            if negative { after = bytes.next() }
            var value = 0
            var digits = 0
            while let digit = after, digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") {
                guard digits < 9 else { return nil }
                value = value * 10 + Int(digit - UInt8(ascii: "0"))
                digits += 1
                after = bytes.next()
            }
            guard digits > 0 else { return nil }
            fields[String(decoding: key, as: UTF8.self)] = negative ? -value : value
            if isSpace(after) { after = next() }
            if after == UInt8(ascii: "}") { return next() == nil ? fields : nil }
            guard after == UInt8(ascii: ",") else { return nil }
            byte = next()
        }
    }
}
