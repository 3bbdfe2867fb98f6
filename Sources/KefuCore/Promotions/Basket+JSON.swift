public import Foundation

/// The basket JSON of `kefu calc quote --basket` and `POST /api/v1/quote`: `{"at": "2026-02-14T12:00:00+08:00",
/// "tier": "VIP", "branch": "…", "coupons": ["…"], "lines": [{"sku", "category", "quantity", "unit_price"}]}`.
/// `tier`, `branch` and `coupons` may be left out; every error is a `PromotionInputError` naming `basket` or the
/// line by position and sku.
extension Basket: Codable {
    public init(from decoder: any Decoder) throws {
        let json = try PromotionJSONReader(decoder, subject: .basket, expected: "a basket object")
        let at = try json.instant("at")
        let tier = try json.optional("tier", String.self, expected: "a string or null")
        let branch = try json.optional("branch", String.self, expected: "a string or null")
        let coupons =
            try json.optional("coupons", [String].self, expected: "a list of codes", element: "a string") ?? []
        var lines: [BasketLine] = []
        for (index, item) in try json.items("lines", expected: "a list of lines").enumerated() {
            lines.append(try BasketLine(json: item, position: index + 1))
        }
        try self.init(at: at, tier: tier, branch: branch, coupons: coupons, lines: lines)
    }

    /// The basket as it reads in; `at` in UTC.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        try c.encode(RFC3339.utc(at), forKey: AnyCodingKey("at"))
        try c.encode(tier, forKey: AnyCodingKey("tier"))
        try c.encode(branch, forKey: AnyCodingKey("branch"))
        try c.encode(coupons, forKey: AnyCodingKey("coupons"))
        try c.encode(lines, forKey: AnyCodingKey("lines"))
    }

    /// The basket in `data`, or one error naming what is wrong (invalid JSON included).
    public static func decode(_ data: Data) throws(PromotionInputError) -> Basket {
        do {
            return try JSONDecoder().decode(Basket.self, from: data)
        } catch let error as PromotionInputError {
            throw error
        } catch {
            throw PromotionInputError(.basket, field: nil, "not valid JSON")
        }
    }
}

extension BasketLine: Encodable {
    /// The line at 1-based `position` of a basket's `lines`.
    init(json decoder: any Decoder, position: Int) throws(PromotionInputError) {
        var json = try PromotionJSONReader(
            decoder, subject: .line(position: position, sku: nil), expected: "a line object")
        let sku = try json.required("sku", String.self, expected: "a string")
        json.subject = .line(position: position, sku: sku)
        self.init(
            sku: sku, category: try json.required("category", String.self, expected: "a string"),
            quantity: try json.integer("quantity"), unitPrice: try json.integer("unit_price"))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        try c.encode(sku, forKey: AnyCodingKey("sku"))
        try c.encode(category, forKey: AnyCodingKey("category"))
        try c.encode(quantity, forKey: AnyCodingKey("quantity"))
        try c.encode(unitPrice, forKey: AnyCodingKey("unit_price"))
    }
}
