import Foundation
import KefuCore
import KefuStore

/// What the ticket pages show for the service desk's codes and people: localised names of each
/// status, type, priority and channel, the staff by id, and the select options built from them.
struct TicketLabels {
    let ui: WebUI
    /// Every staff account by id (a business has tens, not thousands), active or not, so an old
    /// ticket still names who worked it.
    let staff: [UUID: User]

    static func load(ui: WebUI, users: UserRepository) async throws -> TicketLabels {
        let accounts = try await users.list(limit: 1_000, cursor: nil).items
        return TicketLabels(ui: ui, staff: Dictionary(uniqueKeysWithValues: accounts.map { ($0.id, $0) }))
    }

    func status(_ value: TicketStatus) -> String { ui.t("ticket.status." + value.rawValue) }
    func type(_ value: TicketType) -> String { ui.t("ticket.type." + value.rawValue) }
    func priority(_ value: TicketPriority) -> String { ui.t("ticket.priority." + value.rawValue) }
    func channel(_ value: TicketChannel) -> String { ui.t("ticket.channel." + value.rawValue) }

    /// A staff member's name, "—" for nobody.
    func person(_ id: UUID?) -> String {
        guard let id else { return "—" }
        return staff[id]?.name ?? ui.t("ticket.unknown_user")
    }

    /// Options for one of the ticket enumerations, labelled in the page's language.
    func options<Value: RawRepresentable<String> & CaseIterable>(
        _ type: Value.Type, selected: Value?, blank: String? = nil
    ) -> [Option] {
        let kind = String(describing: type).replacingOccurrences(of: "Ticket", with: "").lowercased()
        return ui.options(
            Value.allCases.map(\.rawValue), selected: selected?.rawValue, label: { ui.t("ticket.\(kind).\($0)") },
            blank: blank)
    }

    /// Active staff accounts as options, by name; `blank` first when given.
    func people(selected: UUID?, blank: String?, agentsOnly: Bool = false) -> [Option] {
        let chosen = staff.values.filter { $0.active && (!agentsOnly || $0.role == .agent) }
            .sorted { ($0.name, $0.id.uuidString) < ($1.name, $1.id.uuidString) }
        return (blank.map { [Option(value: "", label: $0, selected: selected == nil)] } ?? [])
            + chosen.map { Option(value: $0.id.uuidString, label: $0.name, selected: $0.id == selected) }
    }
}
