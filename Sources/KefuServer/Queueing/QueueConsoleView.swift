import Foundation
import KefuCore
import KefuStore

/// The counter console's model (`queue_console.mustache`): the counter picker, and for the chosen counter its
/// ticket with the actions its status allows, the line in calling order, the parked tickets and the forms.
struct QueueConsoleView {
    var messages: [String]
    var picker: [PickerGroup]
    var pickerEmpty: Bool
    var counter: CounterView?

    struct PickerGroup {
        var label: String
        var options: [Option]
    }

    struct CounterView {
        var name: String
        var branch: String
        var events: String
        var open: Bool
        var openURL: String
        var callNextURL: String
        var callURL: String
        var issueURL: String
        var current: CurrentView?
        var waiting: [Row]
        var waitingEmpty: Bool
        /// "and N more waiting" when the line is longer than the rows shown.
        var waitingMore: String?
        var parked: [Row]
        var parkedEmpty: Bool
        var services: [Option]
        var classes: [Option]
        var targets: [Option]
        var parkedReason: String
    }

    struct CurrentView {
        var number: String
        var queueClass: String
        var service: String
        var status: String
        var customerURL: String?
        var waited: String
        var recalls: String
        var called: Bool
        var noShowAllowed: Bool
        var actionURL: String
    }

    struct Row {
        var id: String
        var position: Int
        var number: String
        var queueClass: String
        var service: String
        var waited: String
        var returnURL: String
        var serviceTarget: String
    }

    static func build(
        line: QueueCounterLine?, repositories: Repositories, ui: WebUI, now: Date, messages: [String]
    ) async throws -> QueueConsoleView {
        let branches = try await repositories.branches.list()
        let counters = try await repositories.queueSetup.counters(branchID: nil, limit: 1000, cursor: nil).items
        let picker = branches.compactMap { branch -> PickerGroup? in
            let options = counters.filter { $0.branchID == branch.id }.map {
                Option(value: $0.id.uuidString, label: $0.name, selected: $0.id == line?.counter.id)
            }
            return options.isEmpty ? nil : PickerGroup(label: branch.profile.name, options: options)
        }
        var view = QueueConsoleView(messages: messages, picker: picker, pickerEmpty: picker.isEmpty, counter: nil)
        guard let line else { return view }
        let counter = line.counter
        let services = try await repositories.queueSetup.services(branchID: counter.branchID, limit: 1000, cursor: nil)
            .items
        let serviceNames = Dictionary(uniqueKeysWithValues: services.map { ($0.id, $0.name(in: ui.language.rawValue)) })
        func minutes(_ ticket: QueueTicket) -> String {
            ui.t(
                "queue_console.minutes", ["minutes": String(max(0, Int(now.timeIntervalSince(ticket.arrivedAt) / 60)))])
        }
        func row(_ ticket: QueueTicket, _ index: Int) -> Row {
            Row(
                id: ticket.id.uuidString, position: index + 1, number: ticket.number,
                queueClass: ui.t("queue.class." + ticket.queueClass.rawValue),
                service: serviceNames[ticket.serviceID] ?? "", waited: minutes(ticket),
                returnURL: "/queue/tickets/\(ticket.id.uuidString)/transfer",
                serviceTarget: "service:" + ticket.serviceID.uuidString)
        }
        let base = "/queue/counters/\(counter.id.uuidString)"
        let branchName = branches.first { $0.id == counter.branchID }?.profile.name ?? ""
        view.counter = CounterView(
            name: counter.name, branch: branchName,
            events: "/queue/branches/\(counter.branchID.uuidString)/events", open: counter.open,
            openURL: base + "/open", callNextURL: base + "/call-next", callURL: base + "/call",
            issueURL: base + "/issue",
            current: line.current.map { ticket in
                CurrentView(
                    number: ticket.number, queueClass: ui.t("queue.class." + ticket.queueClass.rawValue),
                    service: serviceNames[ticket.serviceID] ?? "",
                    status: ui.t("queue.status." + ticket.status.rawValue),
                    customerURL: ticket.customerID.map { "/customers/\($0.uuidString)" }, waited: minutes(ticket),
                    recalls: ui.t(
                        "queue_console.recalls",
                        ["recalls": String(ticket.recalls), "needed": String(line.setup.noShowAfterRecalls)]),
                    called: ticket.status == .called,
                    noShowAllowed: ticket.status == .called && ticket.recalls >= line.setup.noShowAfterRecalls,
                    actionURL: "/queue/tickets/\(ticket.id.uuidString)/")
            },
            waiting: line.waiting.enumerated().map { row($1, $0) }, waitingEmpty: line.waiting.isEmpty,
            waitingMore: line.waitingCount > line.waiting.count
                ? ui.t("queue_console.more_waiting", ["count": String(line.waitingCount - line.waiting.count)]) : nil,
            parked: line.parked.enumerated().map { row($1, $0) }, parkedEmpty: line.parked.isEmpty,
            services: services.filter(\.active).map {
                Option(
                    value: $0.id.uuidString, label: "\($0.prefix) · \($0.name(in: ui.language.rawValue))",
                    selected: false)
            },
            classes: ui.options(
                QueueClass.allCases.map(\.rawValue), selected: nil, label: { ui.t("queue.class." + $0) },
                blank: ui.t("queue_console.class_auto")),
            targets: services.map {
                Option(
                    value: "service:" + $0.id.uuidString,
                    label: ui.t("queue_console.to_service", ["name": $0.name(in: ui.language.rawValue)]),
                    selected: false)
            }
                + counters.filter { $0.branchID == counter.branchID && $0.id != counter.id }.map {
                    Option(
                        value: "counter:" + $0.id.uuidString,
                        label: ui.t("queue_console.to_counter", ["name": $0.name]),
                        selected: false)
                },
            parkedReason: ui.t("queue_console.parked_reason"))
        return view
    }
}
