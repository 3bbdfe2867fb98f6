import Foundation
import KefuCore
import KefuStore

/// The queue set-up page's model (`admin_queue.mustache`): the branch picker and, for the chosen branch, a form per
/// service and counter, one for a new one of each, the policy and settings forms and the device key. A refused form
/// shows what was typed and its messages; the others show what is stored.
struct AdminQueueView {
    /// The inputs that have a place on the forms; other errors show above the form.
    static let inputs: Set<String> = [
        "name", "name_en", "prefix", "expected_service_minutes", "target_wait_minutes", "service_ids", "kind",
        "aging_minutes", "class_order", "tier_classes", "no_show_after_recalls", "board_message",
    ]

    var branches: [Option]
    var branch: BranchView?
    var noBranches: Bool

    struct BranchView {
        var name: String
        var services: [Form]
        var newService: Form
        var counters: [Form]
        var newCounter: Form
        var policy: Form
        var policies: [PolicyChoice]
        var settings: Form
        var keyURL: String
        var keySet: Bool
        var newKey: NewKey?
        var posterURL: String
        var poster: Poster?
        var noServices: Bool
    }

    /// The remote join poster: the QR code (SVG) of `url`, which works until `expires`.
    struct Poster {
        var qr: String
        var url: String
        var expires: String
    }

    /// One form: where it posts, its messages for no input, and its inputs by name.
    struct Form {
        var action: String
        var id: String
        var open: Bool
        var general: [String]
        var title: String
        var fields: [String: FieldView]
        var checked: Bool
    }

    struct PolicyChoice {
        var value: String
        var label: String
        var help: String
        var checked: Bool
    }

    struct NewKey {
        var key: String
        var kioskURL: String
        var boardURL: String
    }

    static func build(
        branchID: UUID?, state: AdminQueuePage.State, repositories: Repositories, ui: WebUI
    ) async throws -> AdminQueueView {
        let branches = try await repositories.branches.list()
        let chosen = branches.first { $0.id == branchID } ?? (branchID == nil ? branches.first : nil)
        if let branchID, chosen == nil { throw DomainError.notFound(entity: "branch", id: branchID.uuidString) }
        var view = AdminQueueView(
            branches: branches.map {
                Option(value: $0.id.uuidString, label: $0.profile.name, selected: $0.id == chosen?.id)
            }, branch: nil, noBranches: branches.isEmpty)
        guard let chosen else { return view }
        let id = chosen.id.uuidString
        let setup = try await repositories.queueSetup.setup(of: chosen.id)
        let services = try await repositories.queueSetup.services(branchID: chosen.id, limit: 1000, cursor: nil).items
        let counters = try await repositories.queueSetup.counters(branchID: chosen.id, limit: 1000, cursor: nil).items
        let prefixes = Dictionary(uniqueKeysWithValues: services.map { ($0.id, $0.prefix) })

        func form(
            _ formID: String, action: String, title: String = "", checkbox: String = "active", checked: Bool = false,
            _ stored: [String: String]
        ) -> Form {
            let failed = state.formID == formID ? state.messages : nil
            var fields: [String: FieldView] = [:]
            for (name, value) in stored {
                let shown = failed == nil ? value : state.form.raw(name)
                fields[name] = (failed ?? FieldMessages([], ui: ui)).field(name, value: shown)
            }
            return Form(
                action: action, id: formID, open: failed != nil, general: failed?.general ?? [], title: title,
                fields: fields, checked: failed == nil ? checked : state.form.has(checkbox))
        }
        func serviceFields(_ service: QueueService?) -> [String: String] {
            [
                "name": service?.name ?? "", "name_en": service?.nameEn ?? "", "prefix": service?.prefix ?? "",
                "expected_service_minutes": service.map { Self.number($0.expectedServiceMinutes) } ?? "5",
                "target_wait_minutes": service.map { Self.number($0.targetWaitMinutes) } ?? "15",
            ]
        }
        let kind = setup.policy.kind.rawValue
        view.branch = BranchView(
            name: chosen.profile.name,
            services: services.map { service in
                form(
                    "service-\(service.id)", action: "/admin/queue/services/\(service.id.uuidString)",
                    title: "\(service.prefix) · \(service.name(in: ui.language.rawValue))", checked: service.active,
                    serviceFields(service))
            },
            newService: form(
                "service-new", action: "/admin/queue/branches/\(id)/services", checked: true, serviceFields(nil)),
            counters: counters.map { counter in
                form(
                    "counter-\(counter.id)", action: "/admin/queue/counters/\(counter.id.uuidString)",
                    title: counter.name, checkbox: "open", checked: counter.open,
                    [
                        "name": counter.name,
                        "service_ids": counter.serviceIDs.compactMap { prefixes[$0] }.joined(separator: ", "),
                    ])
            },
            newCounter: form(
                "counter-new", action: "/admin/queue/branches/\(id)/counters", checkbox: "open",
                ["name": "", "service_ids": services.map(\.prefix).joined(separator: ", ")]),
            policy: form(
                "policy", action: "/admin/queue/branches/\(id)/policy",
                ["aging_minutes": setup.policy.agingMinutes.map(Self.number) ?? "10"]),
            policies: QueuePolicy.Kind.allCases.map { choice in
                PolicyChoice(
                    value: choice.rawValue, label: ui.t("queue_setup.policy." + choice.rawValue),
                    help: ui.t("queue_setup.policy_help." + choice.rawValue),
                    checked: (state.formID == "policy" ? state.form["kind"] : kind) == choice.rawValue)
            },
            settings: form(
                "settings", action: "/admin/queue/branches/\(id)/settings",
                [
                    "class_order": setup.classOrder.classes.map(\.rawValue).joined(separator: ", "),
                    "tier_classes": setup.tierClasses.sorted { $0.key < $1.key }.map {
                        "\($0.key) = \($0.value.rawValue)"
                    }
                    .joined(separator: "\n"),
                    "no_show_after_recalls": String(setup.noShowAfterRecalls),
                    "board_message": setup.boardMessage ?? "",
                ]),
            keyURL: "/admin/queue/branches/\(id)/device-key", keySet: setup.deviceKeyHash != nil,
            newKey: state.newKey.map { key in
                let query = "?key=" + WebForm.encode(key)
                return NewKey(key: key, kioskURL: "/kiosk/\(id)" + query, boardURL: "/board/\(id)" + query)
            }, posterURL: "/admin/queue/branches/\(id)/join-poster",
            poster: try await state.joinLink.asyncMap { link in
                Poster(
                    qr: try QRCode(link.url).svg(title: ui.t("queue_setup.poster_title")), url: link.url,
                    expires: ui.formatter(timeZone: try await repositories.settings.get().timeZone).string(
                        from: link.expiresAt))
            }, noServices: services.isEmpty)
        return view
    }

    /// Minutes as typed: `5`, not `5.0`.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(value)
    }
}
