import Testing

@testable import KefuCore

/// The engine against docs/SCIENCE.md §10 case by case: each kind, conditions, the stages and their order, the
/// base, the payable cap, gifts, groups and the tie rules. Amounts are minor units.
@Suite struct PromotionEngineTests {
    typealias F = PromotionFixtures

    func quote(_ basket: Basket, _ json: String, chinese: Bool = false) -> Quote {
        PromotionEngine.quote(basket, promotions: F.promotions(json), chinese: chinese)
    }

    func applied(_ quote: Quote) -> [String] { quote.applied.map(\.id) }

    @Test func theWorkedExampleOfTheDocs() {
        let quote = PromotionEngine.quote(F.exampleBasket, promotions: F.examplePromotions)
        #expect(quote.subtotal == 41000 && quote.discount == 9000 && quote.total == 32000)
        #expect(
            quote.applied == [
                AppliedPromotion(id: "vip", kind: "member_price", discount: 4000),
                AppliedPromotion(id: "set", kind: "bundle", discount: 3000),
                AppliedPromotion(id: "g100", kind: "gift", discount: 0),
                AppliedPromotion(id: "m150", kind: "threshold", discount: 2000),
            ])
        #expect(
            quote.lines == [
                QuoteLine(sku: "A1", quantity: 2, unitPrice: 12000, memberUnitPrice: 10000, bundledQuantity: 1),
                QuoteLine(sku: "B2", quantity: 1, unitPrice: 8000, memberUnitPrice: 8000, bundledQuantity: 1),
                QuoteLine(sku: "C3", quantity: 3, unitPrice: 3000, memberUnitPrice: 3000, bundledQuantity: 0),
            ])
        #expect(quote.gifts == [QuoteGift(sku: "G9", quantity: 1, value: 1500, promotion: "g100")])
        #expect(quote.benefit == 10500)
        #expect(
            quote.explanation == [
                "Member price (VIP): −40.00", "Bundle A1 + B2 at 150.00: −30.00",
                "Spend 100.00 get G9 ×1 free (worth 15.00)", "Spend 150.00 get 20.00 off: −20.00",
            ])
        let chinese = PromotionEngine.quote(F.exampleBasket, promotions: F.examplePromotions, chinese: true)
        #expect(
            chinese.explanation == ["会员价（VIP）：−40.00", "A1+B2组合价150：−30.00", "满100赠G9 ×1（价值15.00）", "满150减20：−20.00"])
        // p10 instead of m150 would take 19.00 off the same 190.00 base: one less.
        let p10 = F.examplePromotions.filter { $0.id != "m150" }
        #expect(PromotionEngine.quote(F.exampleBasket, promotions: p10).benefit == 10400)
    }

    @Test func memberPricesLowerTheUnitPriceToTheTiersPrice() {
        let basket = F.basket([("A", "x", 2, 1000), ("B", "x", 1, 500)], tier: "gold")
        let promotions = """
            [{"id": "mp1", "kind": "member_price", "prices": {"A": {"gold": 800, "VIP": 600}, "B": {"gold": 600}}},
             {"id": "mp2", "kind": "member_price", "priority": 1, "prices": {"A": {"gold": 900}}},
             {"id": "mp3", "kind": "member_price", "priority": -1, "prices": {"A": {"gold": 850}}}]
            """
        let quote = quote(basket, promotions)
        // mp2 first (priority 1): 1000 → 900; mp1: 900 → 800 (B's 600 is above 500); mp3's 850 cuts nothing.
        #expect(quote.applied.map(\.discount) == [200, 200] && applied(quote) == ["mp2", "mp1"])
        #expect(quote.lines.map(\.memberUnitPrice) == [800, 500] && quote.total == 2100)
        #expect(quote.explanation == ["Member price (gold): −2.00", "Member price (gold): −2.00"])
        let noTier = self.quote(F.basket([("A", "x", 2, 1000)]), promotions)
        #expect(noTier.applied.isEmpty && noTier.total == 2000 && noTier.lines[0].memberUnitPrice == 1000)
    }

    @Test func bundlesSellCompleteSetsAtMemberPrices() {
        let basket = F.basket([("A", "x", 3, 1000), ("B", "x", 2, 600), ("C", "x", 1, 100)], tier: "VIP")
        let quote = quote(
            basket,
            """
            [{"id": "mp", "kind": "member_price", "prices": {"A": {"VIP": 900}}},
             {"id": "b1", "kind": "bundle", "skus": ["A", "B"], "price": 1200},
             {"id": "b2", "kind": "bundle", "skus": ["A", "C"], "price": 950},
             {"id": "b3", "kind": "bundle", "skus": ["B", "C"], "price": 100},
             {"id": "b4", "kind": "bundle", "skus": ["A", "Z"], "price": 1},
             {"id": "b5", "kind": "bundle", "skus": ["C"], "price": 50, "scope": {"skus": ["Z"]}}]
            """)
        // b1: 2 sets of 900 + 600 at 1200; b2: the last A with C, 1000 at 950; b3 finds no B left, b4 no Z,
        // b5 no C left (its scope is ignored).
        #expect(quote.applied.map(\.discount) == [300, 600, 50] && applied(quote) == ["mp", "b1", "b2"])
        #expect(quote.lines.map(\.bundledQuantity) == [3, 2, 1])
        #expect(quote.total == 4300 - 300 - 600 - 50)
        #expect(quote.explanation[1] == "Bundle A + B at 12.00 ×2: −6.00")
        #expect(
            self.quote(basket, #"[{"id": "b", "kind": "bundle", "skus": ["A", "B"], "price": 1200}]"#, chinese: true)
                .explanation == ["A+B组合价12 ×2：−8.00"])
    }

    @Test func aBundleThatSavesNothingUsesNoUnits() {
        let basket = F.basket([("A", "x", 2, 500), ("B", "x", 2, 500)])
        let quote = quote(
            basket,
            """
            [{"id": "even", "kind": "bundle", "priority": 2, "skus": ["A", "B"], "price": 1000},
             {"id": "dear", "kind": "bundle", "priority": 1, "skus": ["A", "B"], "price": 1200},
             {"id": "one", "kind": "bundle", "skus": ["A"], "price": 400}]
            """)
        #expect(applied(quote) == ["one"] && quote.applied[0].discount == 200)
        #expect(quote.lines.map(\.bundledQuantity) == [2, 0])
    }

    @Test func bundlesTakeUnitsInApplicationOrder() {
        let basket = F.basket([("A", "x", 1, 1000), ("B", "x", 1, 1000), ("C", "x", 1, 1000)])
        let bundles = { (group: String) in
            """
            [{"id": "x", "kind": "bundle", "group": \(group), "skus": ["A", "B"], "price": 1500},
             {"id": "y", "kind": "bundle", "group": \(group), "priority": 5, "skus": ["A", "C"], "price": 1800}]
            """
        }
        // Both apply: y first (priority 5) takes the only A, so x finds no set.
        #expect(applied(quote(basket, bundles("null"))) == ["y"])
        // Grouped, the engine compares them alone: x saves 500, y 200.
        let grouped = quote(basket, bundles("\"sets\""))
        #expect(applied(grouped) == ["x"] && grouped.total == 2500)
    }

    @Test func percentOffIsFloored() {
        let quote = quote(F.basket([("A", "x", 1, 999)]), #"[{"id": "p", "kind": "percent_off", "percent": 15}]"#)
        #expect(quote.discount == 149 && quote.total == 850)
        #expect(quote.explanation == ["15% off: −1.49"])
        let chinese = self.quote(
            F.basket([("A", "x", 1, 999)]), #"[{"id": "p", "kind": "percent_off", "percent": 15}]"#, chinese: true)
        #expect(chinese.explanation == ["8.5折：−1.49"])
    }

    @Test func thresholdsOnceRepeatedAndCapped() {
        let basket = F.basket([("A", "x", 1, 65000)])
        func discount(_ parameters: String) -> Quote {
            quote(basket, #"[{"id": "t", "kind": "threshold", "threshold": 30000, "off": 5000\#(parameters)}]"#)
        }
        #expect(discount("").discount == 5000)
        #expect(discount(#", "repeat": false, "cap": null"#).discount == 5000)
        let repeated = discount(#", "repeat": true"#)
        #expect(repeated.discount == 10000)
        #expect(repeated.explanation == ["Spend 300.00 get 50.00 off ×2: −100.00"])
        let chinese = quote(
            basket, #"[{"id": "t", "kind": "threshold", "threshold": 30000, "off": 5000, "repeat": true}]"#,
            chinese: true)
        #expect(chinese.explanation == ["满300减50 ×2：−100.00"])
        #expect(discount(#", "repeat": true, "cap": 8000"#).discount == 8000)
        #expect(quote(basket, #"[{"id": "t", "kind": "threshold", "threshold": 65001, "off": 5000}]"#).applied.isEmpty)
        #expect(quote(basket, #"[{"id": "t", "kind": "threshold", "threshold": 65000, "off": 5000}]"#).discount == 5000)
    }

    @Test func amountOffIsAtMostTheBaseOnceItReachesTheMinimum() {
        let basket = F.basket([("A", "x", 1, 3000)])
        func amountOff(_ off: Int, _ minSpend: Int?) -> Quote {
            let minimum = minSpend.map { #", "min_spend": \#($0)"# } ?? ""
            return quote(basket, #"[{"id": "a", "kind": "amount_off", "off": \#(off)\#(minimum)}]"#)
        }
        #expect(amountOff(5000, nil).discount == 3000 && amountOff(5000, nil).total == 0)
        #expect(amountOff(1000, 4000).applied.isEmpty)
        #expect(amountOff(1000, 3000).discount == 1000)
        #expect(amountOff(1000, 3000).explanation == ["10.00 off orders of 30.00 or more: −10.00"])
        #expect(amountOff(1000, nil).explanation == ["10.00 off: −10.00"])
    }

    @Test func giftsCountInTheBenefitAndApplyWhenNothingIsLeftToPay() {
        let basket = F.basket([("A", "x", 1, 10000)])
        let quote = quote(
            basket,
            """
            [{"id": "a", "kind": "amount_off", "off": 10000},
             {"id": "g", "kind": "gift", "threshold": 10000, "gift": {"sku": "MUG", "quantity": 2, "value": 2000}},
             {"id": "g0", "kind": "gift", "threshold": 100, "gift": {"sku": "PEN", "quantity": 1, "value": 0}},
             {"id": "g2", "kind": "gift", "threshold": 10001, "gift": {"sku": "BAG", "quantity": 1, "value": 900}}]
            """)
        #expect(quote.total == 0 && quote.discount == 10000)
        #expect(
            quote.applied == [
                AppliedPromotion(id: "a", kind: "amount_off", discount: 10000),
                AppliedPromotion(id: "g", kind: "gift", discount: 0),
            ])
        #expect(quote.gifts == [QuoteGift(sku: "MUG", quantity: 2, value: 2000, promotion: "g")])
        #expect(quote.benefit == 12000)
        #expect(quote.explanation[1] == "Spend 100.00 get MUG ×2 free (worth 20.00)")
    }

    @Test func scopeCountsListedSkusAndCategories() {
        let basket = F.basket([("A", "tea", 1, 1000), ("B", "ware", 1, 2000), ("C", "food", 1, 4000)])
        let scoped = quote(
            basket,
            #"[{"id": "p", "kind": "percent_off", "percent": 10, "scope": {"skus": ["A"], "categories": ["food"]}}]"#)
        #expect(scoped.discount == 500)
        let sameLineTwice = quote(
            basket,
            #"[{"id": "p", "kind": "percent_off", "percent": 10, "scope": {"skus": ["C"], "categories": ["food"]}}]"#)
        #expect(sameLineTwice.discount == 400)
        let nothing = quote(
            basket, #"[{"id": "p", "kind": "percent_off", "percent": 10, "scope": {"skus": ["Z"], "categories": []}}]"#)
        #expect(nothing.applied.isEmpty && nothing.total == 7000)
    }

    @Test func theBaseIsStageOnePricesOfUnbundledUnits() {
        let basket = F.basket([("A", "x", 3, 1000), ("B", "x", 1, 1000)], tier: "VIP")
        let quote = quote(
            basket,
            """
            [{"id": "mp", "kind": "member_price", "prices": {"A": {"VIP": 800}}},
             {"id": "b", "kind": "bundle", "skus": ["A", "B"], "price": 1500},
             {"id": "t", "kind": "threshold", "threshold": 1600, "off": 100},
             {"id": "t2", "kind": "threshold", "threshold": 1601, "off": 100}]
            """)
        // Base = 2 unbundled A at 800 = 1600: t applies, t2 does not.
        #expect(applied(quote) == ["mp", "b", "t"])
        #expect(quote.total == 4000 - 600 - 300 - 100)
    }

    @Test func theBaseIsNotReducedByOtherOrderLevelDiscounts() {
        let quote = quote(
            F.basket([("A", "x", 1, 10000)]),
            """
            [{"id": "a", "kind": "amount_off", "off": 3000},
             {"id": "t", "kind": "threshold", "threshold": 10000, "off": 1000}]
            """)
        #expect(applied(quote) == ["a", "t"] && quote.total == 6000)
    }

    @Test func discountsAreCappedAtWhatIsStillPayable() {
        let quote = quote(
            F.basket([("A", "x", 1, 1000)]),
            """
            [{"id": "x", "kind": "amount_off", "off": 800, "priority": 2},
             {"id": "y", "kind": "amount_off", "off": 800, "priority": 1},
             {"id": "z", "kind": "percent_off", "percent": 50}]
            """)
        #expect(quote.applied.map(\.discount) == [800, 200] && applied(quote) == ["x", "y"])
        #expect(quote.total == 0 && quote.discount == 1000)
    }

    @Test func windowsAreHalfOpenAndComparedAsInstants() {
        let promotion = """
            [{"id": "cny", "kind": "percent_off", "percent": 10,
              "window": {"from": "2026-02-14T00:00:00+08:00", "to": "2026-02-15T00:00:00+08:00"}}]
            """
        func applies(at: String) -> Bool {
            !quote(F.basket([("A", "x", 1, 1000)], at: at), promotion).applied.isEmpty
        }
        #expect(applies(at: "2026-02-13T16:00:00Z"))
        #expect(!applies(at: "2026-02-13T15:59:59Z"))
        #expect(applies(at: "2026-02-14T23:59:59+08:00"))
        #expect(applies(at: "2026-02-14T10:59:59-05:00"))
        #expect(!applies(at: "2026-02-14T16:00:00Z"))
    }

    @Test func tiersBranchesAndCouponsMustMatch() {
        let promotions = """
            [{"id": "t", "kind": "amount_off", "off": 1, "tiers": ["VIP", "gold"]},
             {"id": "b", "kind": "amount_off", "off": 10, "branches": ["SH"]},
             {"id": "c", "kind": "amount_off", "off": 100, "coupon": "SPRING"}]
            """
        func discount(tier: String? = nil, branch: String? = nil, coupons: [String] = []) -> Int {
            quote(F.basket([("A", "x", 1, 1000)], tier: tier, branch: branch, coupons: coupons), promotions).discount
        }
        #expect(discount() == 0)
        #expect(discount(tier: "gold") == 1 && discount(tier: "silver") == 0)
        #expect(discount(branch: "SH") == 10 && discount(branch: "BJ") == 0)
        #expect(discount(coupons: ["X", "SPRING"]) == 100 && discount(coupons: ["spring"]) == 0)
        #expect(discount(tier: "VIP", branch: "SH", coupons: ["SPRING"]) == 111)
    }

    @Test func withinAStageHigherPriorityThenIdByCodePointApplyFirst() {
        func first(_ ids: [(String, Int)]) -> [String] {
            let json = ids.map { #"{"id": "\#($0.0)", "kind": "amount_off", "off": 1000, "priority": \#($0.1)}"# }
            return applied(quote(F.basket([("A", "x", 1, 1000)]), "[" + json.joined(separator: ",") + "]"))
        }
        #expect(first([("b", 0), ("a", 0), ("c", 1)]) == ["c"])
        #expect(first([("b", 0), ("a", 0), ("Z", 0)]) == ["Z"])
        // U+00E9 and e + U+0301 are one string to Swift's `==`; by code point, "e" (U+0065) comes first.
        #expect(first([("\u{E9}", 0), ("e\u{301}", 0)]) == ["e\u{301}"])
        #expect(first([("a10", 0), ("a9", 0)]) == ["a10"])
    }

    @Test func ofEachGroupTheBestOneOrNoneApplies() {
        let basket = F.basket([("A", "x", 1, 10000)])
        let quote = quote(
            basket,
            """
            [{"id": "p10", "kind": "percent_off", "group": "g", "percent": 10},
             {"id": "a15", "kind": "amount_off", "group": "g", "off": 1500},
             {"id": "m", "kind": "threshold", "group": "g", "threshold": 5000, "off": 1200},
             {"id": "u", "kind": "amount_off", "off": 100}]
            """)
        #expect(applied(quote) == ["a15", "u"] && quote.total == 8400)
        let gift = self.quote(
            basket,
            """
            [{"id": "a15", "kind": "amount_off", "group": "g", "off": 1500},
             {"id": "gift", "kind": "gift", "group": "g", "threshold": 100, "gift": {"sku": "S", "quantity": 1, "value": 2000}}]
            """)
        #expect(applied(gift) == ["gift"] && gift.total == 10000 && gift.benefit == 2000)
    }

    @Test func tiesGoToFewerAppliedEntries() {
        // {a1, a2} and {z} both take the whole 1000; z alone is one entry.
        let quote = quote(
            F.basket([("A", "x", 1, 1000)]),
            """
            [{"id": "z", "kind": "amount_off", "group": "g", "off": 1000},
             {"id": "a1", "kind": "amount_off", "group": "h", "off": 400},
             {"id": "a2", "kind": "amount_off", "group": "k", "off": 600}]
            """)
        #expect(applied(quote) == ["z"])
    }

    @Test func thenToTheSmallerSortedIdList() {
        let basket = F.basket([("A", "x", 1, 1000)])
        let one = quote(
            basket,
            """
            [{"id": "b", "kind": "amount_off", "group": "g", "off": 1000},
             {"id": "a", "kind": "amount_off", "group": "h", "off": 1000}]
            """)
        #expect(applied(one) == ["a"])
        let two = quote(
            basket,
            """
            [{"id": "b", "kind": "amount_off", "group": "g1", "off": 500},
             {"id": "a", "kind": "amount_off", "group": "g1", "off": 500},
             {"id": "z", "kind": "amount_off", "group": "g2", "off": 500},
             {"id": "c", "kind": "amount_off", "group": "g2", "off": 500}]
            """)
        #expect(applied(two) == ["a", "c"])
    }

    @Test func promotionsWithoutEffectAreNotApplied() {
        let basket = F.basket([("A", "x", 1, 1000)], tier: "VIP")
        let useless = """
            [{"id": "mp", "kind": "member_price", "prices": {"A": {"gold": 500}, "B": {"VIP": 1}}},
             {"id": "b", "kind": "bundle", "skus": ["A", "B"], "price": 1},
             {"id": "t", "kind": "threshold", "threshold": 2000, "off": 500},
             {"id": "t0", "kind": "threshold", "threshold": 100, "off": 0},
             {"id": "g0", "kind": "gift", "threshold": 100, "gift": {"sku": "S", "quantity": 1, "value": 0}},
             {"id": "a", "kind": "amount_off", "off": 100, "coupon": "NONE"}]
            """
        let quote = quote(basket, useless)
        #expect(quote.applied.isEmpty && quote.gifts.isEmpty && quote.explanation.isEmpty && quote.total == 1000)
        #expect(PromotionEngine.price(basket, applying: F.promotions(useless)) == quote)
    }

    @Test func anEmptyBasketCostsNothing() {
        let quote = quote(F.basket([]), #"[{"id": "a", "kind": "amount_off", "off": 100}]"#)
        #expect(quote.subtotal == 0 && quote.total == 0 && quote.applied.isEmpty && quote.lines.isEmpty)
    }
}
