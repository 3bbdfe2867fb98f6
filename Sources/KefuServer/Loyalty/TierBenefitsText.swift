import KefuCore

extension WebUI {
    /// What a member tier gives, one short line each in the page's language, for the member's card and the staff
    /// member page: the points multiplier, the service level (the customer tier the SLA policies match) and the
    /// walk-in queue class, where the tier gives one.
    func benefits(of tier: MemberTier) -> [String] {
        let multiplier =
            tier.multiplier.rounded() == tier.multiplier ? String(Int(tier.multiplier)) : "\(tier.multiplier)"
        return [
            t("loyalty.benefit.multiplier", ["multiplier": multiplier]),
            tier.slaTier.map { t("loyalty.benefit.sla_tier", ["tier": $0]) },
            tier.queueClass.map { t("loyalty.benefit.queue_class", ["class": t("queue.class." + $0.rawValue)]) },
        ].compactMap(\.self)
    }
}
