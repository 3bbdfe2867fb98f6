import Foundation
public import KefuCore

extension CustomerField {
    /// A valid value other than the default, in the form validation leaves it: what a round trip
    /// through any format must bring back. Written per kind, so a new field gets one without a change here.
    public var sample: Value {
        switch kind {
        case .name: .text("王小明")
        case .text(.paragraph): .text("第一行\n第二行 \"引号\"")
        case .text: .text("上海 \(key), a;b")
        case .date: .text("1990-02-28")
        case .phones: .list(["+8613800138000", "+8613900139000"])
        case .emails: .list(["a@example.cn", "b@example.com"])
        case .tags: .list(["车主", "VIP客户"])
        case .choice(let choice): .text(choice.values.first { .text($0) != defaultValue })
        case .tier: .text("gold")
        case .branch: .text("0193A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B")
        case .staffUser: .text("0193A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5C")
        case .flag: .flag(true)
        }
    }
}

extension CustomerProfile {
    /// A valid profile (a name, the default tier) with `field` set to its sample.
    public static func sampling(_ field: CustomerField) -> CustomerProfile {
        var profile = CustomerProfile()
        profile.name = "客户"
        profile.tier = CustomerRules().defaultTier
        field.set(field.sample, in: &profile)
        return profile
    }
}
