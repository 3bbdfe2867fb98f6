/// The choice of promotions the engine applies (docs/SCIENCE.md §10): every ungrouped one and at most one of
/// each group, taking the greatest benefit, ties to fewer applied promotions, then to the smaller sorted id
/// list. Every allowed choice is weighed, but cheaply: the stage-1 and stage-2 members of the groups are
/// enumerated and priced literally; under each such choice an order-level promotion's amount depends only on
/// its own base, and the total left is max(0, payable − Σ amounts) in any order, so each choice of the
/// order-level members costs a few additions. Only a choice at least as good as the best so far is walked in
/// order, to count its applied entries for the tie rules.
extension PromotionPlan {
    func bestChoice() -> [Bool] {
        var upstreamMembers = Array(repeating: [Int](), count: groupCount)
        var orderMembers = Array(repeating: [Int](), count: groupCount)
        var ungroupedOrder: [Int] = []
        for index in promotions.indices {
            let isOrder: Bool
            if case .order = effects[index] { isOrder = true } else { isOrder = false }
            switch (groups[index], isOrder) {
            case (let group?, false): upstreamMembers[group].append(index)
            case (let group?, true): orderMembers[group].append(index)
            case (nil, true): ungroupedOrder.append(index)
            case (nil, false): break
            }
        }
        // A group's upstream digit picks one of its stage-1/2 members, or (the last value) leaves the group to
        // stage 3, where it picks one of its order-level members or none.
        let upstreamRadices = upstreamMembers.map { $0.count + 1 }
        var upstream = Array(repeating: 0, count: groupCount)
        var chosen = groups.map { $0 == nil }
        var amounts = Array(repeating: 0, count: promotions.count)
        var search = Search(plan: self)
        repeat {
            for group in 0..<groupCount {
                for (digit, member) in upstreamMembers[group].enumerated() { chosen[member] = upstream[group] == digit }
            }
            let pricing = priceStages(chosen)
            let payable = pricing.total
            let wholeBase = base(nil, pricing)
            func amount(_ index: Int) -> Int {
                guard case .order(let scope, let rule) = effects[index] else { return 0 }
                let value = rule.amount(base: scope == nil ? wholeBase : base(scope, pricing))
                return rule.isGift ? value : min(value, payable)
            }
            var discounts = 0
            var giftValues = 0
            for index in ungroupedOrder {
                amounts[index] = amount(index)
                if effects[index].isGift {
                    giftValues += amounts[index]
                } else {
                    discounts = min(payable, discounts + amounts[index])
                }
            }
            var options: [[Int]] = []
            for group in 0..<groupCount where upstream[group] == upstreamMembers[group].count {
                let members = orderMembers[group].filter { member in
                    amounts[member] = amount(member)
                    return amounts[member] > 0
                }
                if !members.isEmpty { options.append(members) }
            }
            let radices = options.map { $0.count + 1 }
            var digits = Array(repeating: 0, count: options.count)
            repeat {
                var discount = discounts
                var gifts = giftValues
                for (option, digit) in digits.enumerated() where digit > 0 {
                    let member = options[option][digit - 1]
                    if effects[member].isGift {
                        gifts += amounts[member]
                    } else {
                        discount = min(payable, discount + amounts[member])
                    }
                }
                let benefit = subtotal - payable + discount + gifts
                guard benefit >= search.benefit else { continue }
                search.consider(
                    benefit: benefit, upstream: pricing, chosen: chosen, ungrouped: ungroupedOrder,
                    grouped: digits.enumerated().compactMap { $1 > 0 ? options[$0][$1 - 1] : nil }, amounts: amounts)
            } while Self.advance(&digits, radices)
        } while Self.advance(&upstream, upstreamRadices)
        return search.chosen
    }

    /// The next value of a mixed-radix counter; false after the last.
    private static func advance(_ digits: inout [Int], _ radices: [Int]) -> Bool {
        for place in digits.indices {
            digits[place] += 1
            if digits[place] < radices[place] { return true }
            digits[place] = 0
        }
        return false
    }

    /// The best choice so far and its tie keys, with buffers reused from one candidate to the next.
    private struct Search {
        let plan: PromotionPlan
        var benefit = -1
        var applied = 0
        var ids: [Int] = []
        var chosen: [Bool] = []
        private var walk: [Int] = []
        private var candidateIDs: [Int] = []

        init(plan: PromotionPlan) { self.plan = plan }

        /// Keeps the candidate when it beats the best: its order-level promotions (`ungrouped` and `grouped`,
        /// with their `amounts`) are walked in application order to find which of them apply.
        mutating func consider(
            benefit: Int, upstream: Pricing, chosen: [Bool], ungrouped: [Int], grouped: [Int], amounts: [Int]
        ) {
            walk.removeAll(keepingCapacity: true)
            walk.append(contentsOf: ungrouped)
            walk.append(contentsOf: grouped)
            walk.sort()
            candidateIDs.removeAll(keepingCapacity: true)
            for step in upstream.steps { candidateIDs.append(plan.idRanks[step.index]) }
            var payable = upstream.total
            for index in walk where amounts[index] > 0 {
                if plan.effects[index].isGift {
                    candidateIDs.append(plan.idRanks[index])
                } else if payable > 0 {
                    candidateIDs.append(plan.idRanks[index])
                    payable -= min(amounts[index], payable)
                }
            }
            if benefit == self.benefit {
                guard candidateIDs.count <= applied else { return }
                candidateIDs.sort()
                guard candidateIDs.count < applied || candidateIDs.lexicographicallyPrecedes(ids) else { return }
            } else {
                candidateIDs.sort()
            }
            self.benefit = benefit
            applied = candidateIDs.count
            ids = candidateIDs
            self.chosen = chosen
            for index in grouped { self.chosen[index] = true }
        }
    }
}

extension PromotionPlan.Effect {
    var isGift: Bool {
        if case .order(_, let rule) = self { return rule.isGift }
        return false
    }
}
