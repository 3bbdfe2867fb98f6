import Foundation
import KefuCore
import KefuStore

/// The simulator page's model (`queue_simulator.mustache`): the form, and for a branch and period the replay and the
/// fitted simulation of each policy, per class, with a bar chart of their mean waits.
struct QueueSimulatorView {
    static let inputs: Set<String> = ["branch", "from", "to", "counters", "aging_minutes"]

    var branches: [Option]
    var noBranches: Bool
    var branch: FieldView
    var from: FieldView
    var to: FieldView
    var counters: FieldView
    var aging: FieldView
    var general: [String]
    var result: ResultView?

    struct ResultView {
        var summary: String
        var replay: [PolicyRows]
        var simulated: [PolicyRows]
        var simulationError: String?
        var bars: [Bar]
        var empty: Bool
    }

    struct PolicyRows {
        var policy: String
        var customers: Int
        var mean: String
        var utilisation: String
        var classes: [ClassRow]
    }

    struct ClassRow {
        var name: String
        var customers: Int
        var mean: String
        var p90: String
        var max: String
    }

    /// One bar of the chart, in the SVG's units.
    struct Bar {
        var x: Int
        var y: Int
        var height: Int
        var label: String
        var value: String
        var simulated: Bool
    }

    /// The form alone, as typed, with its messages.
    static func form(
        form: WebForm, branchID: UUID?, messages: FieldMessages, repositories: Repositories, ui: WebUI
    ) async throws -> QueueSimulatorView {
        let branches = try await repositories.branches.list()
        let chosen = branchID ?? form["branch"].flatMap(UUID.init(uuidString:)) ?? branches.first?.id
        return QueueSimulatorView(
            branches: branches.map {
                Option(value: $0.id.uuidString, label: $0.profile.name, selected: $0.id == chosen)
            }, noBranches: branches.isEmpty, branch: messages.field("branch", value: ""),
            from: messages.field("from", value: form.raw("from")), to: messages.field("to", value: form.raw("to")),
            counters: messages.field("counters", value: form.raw("counters")),
            aging: messages.field("aging_minutes", value: form.raw("aging_minutes")), general: messages.general,
            result: nil)
    }

    static func build(
        inputs: QueueSimulatorPage.Inputs, form: WebForm, repositories: Repositories, ui: WebUI
    ) async throws -> QueueSimulatorView {
        let none = FieldMessages([], ui: ui)
        var view = try await Self.form(
            form: form, branchID: inputs.branchID, messages: none, repositories: repositories, ui: ui)
        guard let branchID = inputs.branchID ?? view.branches.first.flatMap({ UUID(uuidString: $0.value) }) else {
            return view
        }
        let setup = try await repositories.queueSetup.setup(of: branchID)
        let branchCounters = try await repositories.queueSetup.counters(branchID: branchID, limit: 1000, cursor: nil)
            .items.count
        let counters = inputs.counters ?? max(1, branchCounters)
        let aging = inputs.agingMinutes ?? setup.policy.agingMinutes ?? 10
        view.from = none.field("from", value: inputs.period.from.description)
        view.to = none.field("to", value: inputs.period.to.description)
        view.counters = none.field("counters", value: String(counters))
        view.aging = none.field("aging_minutes", value: AdminQueueView.number(aging))
        let days = try await repositories.queueTickets.recordedDays(
            branchID: branchID, from: inputs.period.from.description, to: inputs.period.to.description)
        let policies: [QueuePolicy] = [.fifo, .priority, .aged(agingMinutes: aging)]
        let replay = policies.map {
            QueueReplay.run(days: days, counters: counters, policy: $0, classOrder: setup.classOrder)
        }
        var simulated: [QueueSimulationResult] = []
        var simulationError: String?
        do {
            for policy in policies {
                let config = try QueueReplay.fittedConfig(
                    days: days, counters: counters, policy: policy, classOrder: setup.classOrder)
                simulated.append(QueueSimulator.run(config, days: max(1, days.count), seed: 1))
            }
        } catch {
            simulationError = ui.t("queue_simulator.cannot_fit")
        }
        let tickets = days.reduce(0) { $0 + $1.count }
        view.result = ResultView(
            summary: ui.t(
                "queue_simulator.summary",
                ["tickets": String(tickets), "days": String(days.count), "counters": String(counters)]),
            replay: zip(policies, replay).map { rows($0, $1, ui) },
            simulated: zip(policies, simulated).map { rows($0, $1, ui) }, simulationError: simulationError,
            bars: bars(policies, replay, simulated, ui), empty: tickets == 0)
        return view
    }

    private static func minutes(_ value: Double) -> String { String(format: "%.1f", value) }

    private static func rows(_ policy: QueuePolicy, _ result: QueueSimulationResult, _ ui: WebUI) -> PolicyRows {
        PolicyRows(
            policy: ui.t("queue_setup.policy." + policy.kind.rawValue), customers: result.customers,
            mean: minutes(result.meanWaitMinutes), utilisation: String(format: "%.0f %%", result.utilisation * 100),
            classes: result.classes.filter { $0.customers > 0 }.map {
                ClassRow(
                    name: ui.t("queue.class." + $0.name), customers: $0.customers, mean: minutes($0.meanWaitMinutes),
                    p90: minutes($0.p90WaitMinutes), max: minutes($0.maxWaitMinutes))
            })
    }

    /// The mean waits as bars 40 units wide on a 120-unit scale, replayed then simulated for each policy.
    private static func bars(
        _ policies: [QueuePolicy], _ replay: [QueueSimulationResult], _ simulated: [QueueSimulationResult], _ ui: WebUI
    ) -> [Bar] {
        let largest = max(1, (replay + simulated).map(\.meanWaitMinutes).max() ?? 1)
        var bars: [Bar] = []
        for (index, policy) in policies.enumerated() {
            for (offset, results) in [replay, simulated].enumerated() where index < results.count {
                let value = results[index].meanWaitMinutes
                let height = Int((value / largest * 120).rounded())
                bars.append(
                    Bar(
                        x: 20 + index * 110 + offset * 45, y: 140 - height, height: height,
                        label: ui.t("queue_setup.policy." + policy.kind.rawValue), value: minutes(value),
                        simulated: offset == 1))
            }
        }
        return bars
    }
}
