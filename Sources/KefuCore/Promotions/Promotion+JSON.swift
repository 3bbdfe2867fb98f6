public import Foundation

/// The promotion JSON of `kefu calc quote --promotions` and of stored promotions: a kind's parameters are
/// top-level fields (`{"id": "m300", "kind": "threshold", "priority": 0, "group": null, "threshold": 30000,
/// "off": 5000, "repeat": false, "cap": null}`), conditions are `window`, `tiers`, `branches`, `coupon` and
/// `scope`. Every error is a `PromotionInputError` naming the promotion by id (by position while the id is
/// unreadable) and the field.
extension Promotion: Codable {
    public init(from decoder: any Decoder) throws {
        let position = decoder.codingPath.last?.intValue.map { $0 + 1 }
        var json = try PromotionJSONReader(
            decoder, subject: .unnamedPromotion(position: position), expected: "a promotion object")
        let id = try json.required("id", String.self, expected: "a string")
        guard !id.isEmpty else { throw json.failure("id", "empty") }
        json.subject = .promotion(id: id)
        let kind = try Self.kind(json)
        let priority = try json.integer("priority", default: 0)
        let group = try json.optional("group", String.self, expected: "a string or null")
        var window: PromotionWindow?
        if let bounds = try json.object("window", expected: "an object {\"from\", \"to\"}") {
            window = PromotionWindow(from: try bounds.instant("from"), to: try bounds.instant("to"))
        }
        var scope: PromotionScope?
        if let lists = try json.object("scope", expected: "an object {\"skus\", \"categories\"}") {
            scope = PromotionScope(
                skus: try lists.optional("skus", [String].self, expected: "a list of skus", element: "a string") ?? [],
                categories: try lists.optional(
                    "categories", [String].self, expected: "a list of categories", element: "a string") ?? [])
        }
        let conditions = PromotionConditions(
            window: window,
            tiers: try json.optional("tiers", [String].self, expected: "a list of tiers", element: "a string"),
            branches: try json.optional(
                "branches", [String].self, expected: "a list of branches", element: "a string"),
            coupon: try json.optional("coupon", String.self, expected: "a string or null"), scope: scope)
        try self.init(id: id, kind: kind, priority: priority, group: group, conditions: conditions)
    }

    private static func kind(_ json: PromotionJSONReader) throws(PromotionInputError) -> PromotionKind {
        let name = try json.required("kind", String.self, expected: "a string")
        switch name {
        case "member_price":
            return .memberPrice(
                prices: try json.required(
                    "prices", [String: [String: Int]].self, expected: "an object {\"SKU\": {\"TIER\": price}}",
                    element: "an integer price under each sku and tier"))
        case "bundle":
            return .bundle(
                skus: try json.required("skus", [String].self, expected: "a list of skus", element: "a string"),
                price: try json.integer("price"))
        case "percent_off":
            return .percentOff(percent: try json.integer("percent"))
        case "threshold":
            return .threshold(
                threshold: try json.integer("threshold"), off: try json.integer("off"),
                repeats: try json.optional("repeat", Bool.self, expected: "true or false") ?? false,
                cap: try json.optional("cap", Int.self, expected: "an integer or null"))
        case "amount_off":
            return .amountOff(off: try json.integer("off"), minSpend: try json.integer("min_spend", default: 0))
        case "gift":
            let threshold = try json.integer("threshold")
            guard let gift = try json.object("gift", expected: "an object {\"sku\", \"quantity\", \"value\"}") else {
                throw json.failure("gift", "required")
            }
            return .gift(
                threshold: threshold,
                gift: PromotionGift(
                    sku: try gift.required("sku", String.self, expected: "a string"),
                    quantity: try gift.integer("quantity"), value: try gift.integer("value")))
        default:
            throw json.failure(
                "kind", "unknown kind \"\(name)\" (member_price, bundle, percent_off, threshold, amount_off or gift)")
        }
    }

    /// Every field, defaults included; conditions only when set; window bounds in UTC.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        func put<T: Encodable>(_ key: String, _ value: T) throws { try c.encode(value, forKey: AnyCodingKey(key)) }
        try put("id", id)
        try put("kind", kind.name)
        try put("priority", priority)
        try put("group", group)
        switch kind {
        case .memberPrice(let prices):
            try put("prices", prices)
        case .bundle(let skus, let price):
            try put("skus", skus)
            try put("price", price)
        case .percentOff(let percent):
            try put("percent", percent)
        case .threshold(let threshold, let off, let repeats, let cap):
            try put("threshold", threshold)
            try put("off", off)
            try put("repeat", repeats)
            try put("cap", cap)
        case .amountOff(let off, let minSpend):
            try put("off", off)
            try put("min_spend", minSpend)
        case .gift(let threshold, let gift):
            try put("threshold", threshold)
            try put("gift", gift)
        }
        if let window = conditions.window {
            try put("window", ["from": RFC3339.utc(window.from), "to": RFC3339.utc(window.to)])
        }
        if let tiers = conditions.tiers { try put("tiers", tiers) }
        if let branches = conditions.branches { try put("branches", branches) }
        if let coupon = conditions.coupon { try put("coupon", coupon) }
        if let scope = conditions.scope { try put("scope", scope) }
    }

    /// The JSON array of promotions in `data` with unique ids, or one error naming what is wrong.
    public static func decodeList(_ data: Data) throws(PromotionInputError) -> [Promotion] {
        let promotions: [Promotion]
        do {
            promotions = try JSONDecoder().decode([Promotion].self, from: data)
        } catch let error as PromotionInputError {
            throw error
        } catch DecodingError.typeMismatch {
            throw PromotionInputError(.promotionList, field: nil, "expected a JSON array of promotions")
        } catch {
            throw PromotionInputError(.promotionList, field: nil, "not valid JSON")
        }
        try requireUniqueIDs(promotions)
        return promotions
    }
}
