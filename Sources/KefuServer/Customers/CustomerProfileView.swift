import Foundation
import KefuCore

/// The profile part of the customer page, from `CustomerProfile.fields`: the badges under the name
/// (choices and the tier), and a detail line for every other field that has a value.
struct CustomerProfileView {
    var badges: [Badge]
    var details: [CustomerPage.Detail]

    struct Badge {
        var text: String
        var isTier: Bool
    }

    /// `branchName` and `accountManagerName` stand for the ids the profile holds.
    init(_ profile: CustomerProfile, branchName: String?, accountManagerName: String? = nil, ui: WebUI) {
        badges = []
        details = []
        var groups: [String: Int] = [:]
        for field in CustomerProfile.fields {
            let value = field.value(in: profile)
            switch field.display {
            case .heading, .tags:
                continue
            case .badge:
                if let text = Self.text(value, of: field, ui: ui) {
                    badges.append(Badge(text: text, isTier: field.kind == .tier))
                }
            case .detail:
                if let group = field.group {
                    // A group is one line naming its members that are on.
                    guard value.flag else { continue }
                    if let index = groups[group] {
                        details[index].value += ", " + ui.t(field.label)
                    } else {
                        groups[group] = details.count
                        details.append(.init(label: ui.t("customer." + group), value: ui.t(field.label)))
                    }
                } else if field.choice == nil || value != field.defaultValue,
                    let text = Self.name(of: field, branchName, accountManagerName)
                        ?? Self.text(value, of: field, ui: ui), !text.isEmpty
                {
                    // A choice at its default (gender unspecified) says nothing.
                    details.append(.init(label: ui.t(field.label), value: text))
                }
            }
        }
    }

    /// The name a reference field shows instead of its id (nil for other fields; empty when unknown).
    private static func name(of field: CustomerField, _ branch: String?, _ manager: String?) -> String? {
        switch field.kind {
        case .branch: branch ?? ""
        case .staffUser: manager ?? ""
        default: nil
        }
    }

    /// The value as a reader sees it: choices by their label, lists joined, a flag that is on as "yes".
    private static func text(_ value: CustomerField.Value, of field: CustomerField, ui: WebUI) -> String? {
        switch value {
        case .text(let text?) where field.choice != nil: ui.t(field.key + "." + text)
        case .text(let text): text
        case .list(let items): items.joined(separator: ", ")
        case .flag(let flag): flag ? ui.t("common.yes") : nil
        }
    }
}
