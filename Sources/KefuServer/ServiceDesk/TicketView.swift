import Foundation
import KefuCore
import KefuStore

/// The ticket page's model (`ticket.mustache`), built from the ticket, its conversation, complaint
/// record and remedies, and the customer's profile and latest timeline events.
struct TicketView {
    var id: String
    var number: String
    var subject: String
    var description: String?
    var status: String
    var statusCode: String
    var priority: String
    var priorityCode: String
    var closed: Bool
    var facts: [CustomerPage.Detail]
    var tags: [String]
    var customer: CustomerGlance
    var messages: [MessageView]
    var reply: FormState
    var cannedReplies: [Option]
    var hasCanned: Bool
    var replyInternal: Bool
    var update: FormState
    var statuses: [Option]
    var priorities: [Option]
    var tagsValue: String
    var assign: FormState
    var assignees: [Option]
    var transfers: [TransferView]
    var links: [LinkView]
    var linkForm: FormState
    var linkKinds: [Option]
    var mergeForm: FormState
    var splitForm: FormState
    var complaint: ComplaintView?
    var remedies: [RemedyView]
    var remedyForm: FormState
    var plans: [Option]
    var back: String
    /// The SLA card; nil when no policy applies and nothing breached.
    var sla: SLAView?
    /// The active surveys an agent may send about this ticket; nil when there is none.
    var surveys: SurveyChoice?

    struct SurveyChoice {
        var options: [Option]
    }

    /// A form's refusal and what it held.
    struct FormState {
        var messages: [String]
        var failed: Bool
        var value: String
    }

    struct CustomerGlance {
        var name: String
        var url: String
        var badges: [CustomerProfileView.Badge]
        var details: [CustomerPage.Detail]
        var events: [CustomerPage.EventView]
        var newTicketURL: String
    }

    struct MessageView {
        var id: String
        var author: String
        var when: String
        var body: String
        var isInternal: Bool
        var fromCustomer: Bool
        var splitURL: String
        /// The address a mail came from.
        var mailFrom: String?
        var attachments: [AttachmentView]
        var hasAttachments: Bool
        /// Where the raw mail opens, for a message that came by mail.
        var originalURL: String?
    }

    struct AttachmentView {
        var name: String
        var size: String
        var kept: Bool
    }

    struct TransferView {
        var when: String
        var by: String
        var from: String
        var to: String
        var reason: String
    }

    /// A linked ticket: how it relates to this one (a merged ticket is a duplicate of its survivor).
    struct LinkView {
        var relation: String
        var url: String
        var number: String
        var subject: String
        var status: String
        var unlinkURL: String
    }

    /// Where the ticket stands against its SLA: each running clock's due time, whether the clocks stand
    /// still, and the breaches so far.
    struct SLAView {
        var policy: String
        var paused: Bool
        var clocks: [ClockView]
        var breaches: [BreachView]
        var hasBreaches: Bool
    }

    struct ClockView {
        var metric: String
        var label: String
        var due: String
        var overdue: Bool
    }

    struct BreachView {
        var label: String
        var due: String
        var breached: String
    }

    struct ComplaintView {
        var steps: [StepView]
        var missing: String?
        var causes: [Option]
    }

    struct StepView {
        var code: String
        var label: String
        var recorded: Bool
        var required: Bool
        var by: String
        var when: String
        var note: String
        var cause: String?
        var listened: String?
        var action: String
        var isRootCause: Bool
        var isListen: Bool
        var form: FormState
    }

    struct RemedyView {
        var plan: String
        var status: String
        var statusCode: String
        var text: String?
        var compensation: String?
        var note: String?
        var requestedBy: String
        var when: String
        var decision: String?
        var canDecide: Bool
        var approveURL: String
        var declineURL: String
    }

    /// Reads what the page shows and puts it in the page's language and time zone.
    struct Builder {
        let web: WebRoutes
        let ui: WebUI
        let failure: TicketPage.Failure?
        /// The reply box's text when a canned reply was picked.
        let prefill: String?

        func state(_ form: String, field: String = "") -> FormState {
            guard let failure, failure.form == form else { return FormState(messages: [], failed: false, value: "") }
            return FormState(messages: failure.messages, failed: true, value: failure.values.raw(field))
        }

        func build(_ record: TicketRepository.Record) async throws -> TicketView {
            let ticket = record.ticket
            let repositories = web.repositories
            let settings = try await repositories.settings.get()
            let labels = try await TicketLabels.load(ui: ui, users: repositories.users)
            let time = ui.formatter(timeZone: settings.timeZone)
            let messages = try await repositories.tickets.messages(of: ticket.id, includeInternal: true)
            let base = "/tickets/\(ticket.id.uuidString)"
            var facts: [CustomerPage.Detail] = [
                .init(label: ui.t("ticket.type"), value: labels.type(ticket.type)),
                .init(label: ui.t("ticket.channel"), value: labels.channel(ticket.channel)),
                .init(label: ui.t("ticket.owner"), value: labels.person(ticket.ownerID)),
                .init(label: ui.t("ticket.assignee"), value: labels.person(ticket.assigneeID)),
                .init(label: ui.t("ticket.received_at"), value: time.string(from: ticket.receivedAt)),
                .init(label: ui.t("ticket.created"), value: time.string(from: ticket.createdAt)),
                .init(label: ui.t("ticket.updated"), value: time.string(from: ticket.updatedAt)),
            ]
            if let resolved = ticket.resolvedAt {
                facts.append(.init(label: ui.t("ticket.resolved_at"), value: time.string(from: resolved)))
            }
            if let branchID = ticket.branchID, let branch = try? await repositories.branches.get(branchID) {
                facts.append(.init(label: ui.t("ticket.branch"), value: branch.profile.name))
            }
            if let teamID = ticket.teamID, let team = try? await repositories.teams.get(teamID) {
                facts.append(.init(label: ui.t("ticket.team"), value: team.name))
            }
            let canned = try await repositories.cannedReplies.list().map {
                Option(value: $0.id.uuidString, label: $0.title, selected: false)
            }
            let targets = TicketLifecycle.allowedTargets(from: ticket.status).union([ticket.status])
            let update = state("update", field: "tags")
            return TicketView(
                id: ticket.id.uuidString, number: ticket.number.description, subject: ticket.subject,
                description: ticket.description.isEmpty ? nil : ticket.description,
                status: labels.status(ticket.status),
                statusCode: ticket.status.rawValue, priority: labels.priority(ticket.priority),
                priorityCode: ticket.priority.rawValue, closed: ticket.status == .closed, facts: facts,
                tags: ticket.tags, customer: try await customer(ticket, time: time),
                messages: messages.map { message in
                    let fromCustomer = if case .customer = message.author { true } else { false }
                    return MessageView(
                        id: message.id.uuidString,
                        author: fromCustomer ? ui.t("ticket.the_customer") : labels.person(message.author.id),
                        when: time.string(from: message.createdAt), body: message.body,
                        isInternal: message.visibility == .internal, fromCustomer: fromCustomer,
                        splitURL: base + "/split", mailFrom: message.fromAddress,
                        attachments: message.attachments.map {
                            AttachmentView(
                                name: $0.filename ?? $0.contentType, size: ByteSize.text($0.size), kept: $0.stored)
                        }, hasAttachments: !message.attachments.isEmpty,
                        // Only incoming mail has a sender address, and each incoming mail keeps its original.
                        originalURL: message.fromAddress.map { _ in
                            "/api/v1/messages/\(message.id.uuidString)/original"
                        })
                },
                reply: prefill.map { FormState(messages: [], failed: false, value: $0) }
                    ?? state("reply", field: "body"),
                cannedReplies: canned, hasCanned: !canned.isEmpty,
                replyInternal: failure?.form == "reply" && failure?.values["internal"] != nil,
                update: update,
                statuses: TicketStatus.allCases.filter(targets.contains).map {
                    Option(value: $0.rawValue, label: labels.status($0), selected: $0 == ticket.status)
                },
                priorities: labels.options(TicketPriority.self, selected: ticket.priority),
                tagsValue: update.failed ? update.value : ticket.tags.joined(separator: ", "),
                assign: state("assign", field: "transfer_reason"),
                assignees: labels.people(selected: ticket.assigneeID, blank: ui.t("tickets.nobody")),
                transfers: record.transfers.map {
                    TransferView(
                        when: time.string(from: $0.createdAt), by: labels.person($0.byID),
                        from: labels.person($0.fromID),
                        to: labels.person($0.toID), reason: TransferReasonText.of($0.reason, strings: ui.strings))
                },
                links: record.links.map {
                    LinkView(
                        relation: ui.t(
                            "ticket.link." + $0.kind.rawValue + ($0.kind == .related ? "" : "." + $0.direction.rawValue)
                        ),
                        url: "/tickets/\($0.ticketID.uuidString)", number: $0.number.description, subject: $0.subject,
                        status: labels.status($0.status),
                        unlinkURL: "\(base)/links/\($0.ticketID.uuidString)/delete")
                },
                linkForm: state("link", field: "number"),
                linkKinds: TicketLinkKind.allCases.map {
                    Option(value: $0.rawValue, label: ui.t("ticket.link_kind." + $0.rawValue), selected: false)
                },
                mergeForm: state("merge", field: "into"), splitForm: state("split"),
                complaint: ticket.type == .complaint ? try await complaint(ticket, labels: labels, time: time) : nil,
                remedies: ticket.type == .complaint
                    ? try await remedies(ticket, labels: labels, time: time, currency: settings.currency) : [],
                remedyForm: state("remedy", field: "note"),
                plans: RemedyPlan.allCases.map {
                    Option(value: $0.rawValue, label: ui.t("remedy.plan." + $0.rawValue), selected: false)
                },
                back: base, sla: try await sla(record.sla, time: time),
                surveys: try await surveyChoice())
        }

        private func surveyChoice() async throws -> SurveyChoice? {
            let surveys = try await web.repositories.surveys.list(active: true, limit: 100, cursor: nil).items
            guard !surveys.isEmpty else { return nil }
            return SurveyChoice(
                options: surveys.map {
                    Option(value: $0.id.uuidString, label: $0.title(chinese: ui.language == .zhHans), selected: false)
                })
        }

        private func sla(_ sla: TicketSLAStatus, time: DateFormatter) async throws -> SLAView? {
            guard let policyID = sla.policyID else {
                return sla.breaches.isEmpty
                    ? nil
                    : SLAView(
                        policy: "—", paused: sla.paused, clocks: [], breaches: breaches(sla, time: time),
                        hasBreaches: true)
            }
            let now = web.database.clock.now()
            let policy = (try? await web.repositories.slaPolicies.get(policyID))?.name ?? "—"
            let clocks = SLAMetric.allCases.compactMap { metric in
                sla.due(metric).map {
                    ClockView(
                        metric: metric.rawValue, label: ui.t("sla.metric." + metric.rawValue),
                        due: time.string(from: $0), overdue: $0 <= now && !sla.paused)
                }
            }
            return SLAView(
                policy: policy, paused: sla.paused, clocks: clocks, breaches: breaches(sla, time: time),
                hasBreaches: !sla.breaches.isEmpty)
        }

        private func breaches(_ sla: TicketSLAStatus, time: DateFormatter) -> [BreachView] {
            sla.breaches.map {
                BreachView(
                    label: ui.t("sla.metric." + $0.metric.rawValue), due: time.string(from: $0.dueAt),
                    breached: time.string(from: $0.breachedAt))
            }
        }

        private func customer(_ ticket: Ticket, time: DateFormatter) async throws -> CustomerGlance {
            let customers = web.repositories.customers
            let url = "/customers/\(ticket.customerID.uuidString)"
            let newTicketURL = "/tickets/new?customer_id=\(ticket.customerID.uuidString)"
            guard let customer = try? await customers.get(ticket.customerID) else {
                let name = try await customers.names(of: [ticket.customerID])[ticket.customerID] ?? "—"
                return CustomerGlance(
                    name: name, url: url, badges: [], details: [], events: [], newTicketURL: newTicketURL)
            }
            let profile = CustomerProfileView(customer.profile, branchName: nil, ui: ui)
            let events = try await Timeline.list(
                in: web.database, customerID: customer.id, limit: 8, cursor: nil)
            return CustomerGlance(
                name: customer.profile.name, url: url, badges: profile.badges, details: profile.details,
                events: events.items.map { CustomerPage.event($0, ui: ui, time: time) }, newTicketURL: newTicketURL)
        }

        private func complaint(_ ticket: Ticket, labels: TicketLabels, time: DateFormatter) async throws
            -> ComplaintView
        {
            let complaints = web.repositories.complaints
            let record = try await complaints.record(of: ticket.id)
            let causes = try await complaints.causes()
            let causeNames = Dictionary(uniqueKeysWithValues: causes.map { ($0.id, causeLabel($0)) })
            let steps = ComplaintStep.allCases.map { step in
                let recorded = record.steps[step]
                let form = state("step-" + step.rawValue, field: "note")
                return StepView(
                    code: step.rawValue, label: ui.t("complaint.step." + step.rawValue), recorded: recorded != nil,
                    required: ComplaintStep.requiredToResolve.contains(step),
                    by: labels.person(recorded?.byID), when: recorded.map { time.string(from: $0.recordedAt) } ?? "",
                    note: recorded?.note ?? "", cause: recorded?.causeID.flatMap { causeNames[$0] },
                    listened: recorded?.listenedSeconds.map { ui.t("complaint.listened", ["seconds": "\($0)"]) },
                    action: "/tickets/\(ticket.id.uuidString)/complaint/\(step.rawValue)",
                    isRootCause: step == .rootCause, isListen: step == .listen, form: form)
            }
            return ComplaintView(
                steps: steps,
                missing: record.missing.isEmpty ? nil : TicketMessages.steps(record.missing, ui: ui),
                causes: causes.map { Option(value: $0.id.uuidString, label: causeLabel($0), selected: false) })
        }

        private func causeLabel(_ cause: ComplaintCause) -> String {
            let name = ui.language == .en ? (cause.nameEN ?? cause.name) : cause.name
            return "\(cause.category) · \(name)"
        }

        private func remedies(
            _ ticket: Ticket, labels: TicketLabels, time: DateFormatter, currency: String
        ) async throws -> [RemedyView] {
            try await web.repositories.remedies.list(status: nil, ticketID: ticket.id).map { record in
                let remedy = record.remedy
                return RemedyView(
                    plan: ui.t("remedy.plan." + remedy.plan.rawValue),
                    status: ui.t("remedy.status." + remedy.status.rawValue),
                    statusCode: remedy.status.rawValue, text: record.option?.text,
                    compensation: record.option?.compensation.map { MinorUnits.decimalText($0) + " " + currency },
                    note: remedy.note, requestedBy: labels.person(remedy.requestedByID),
                    when: time.string(from: remedy.requestedAt),
                    decision: remedy.decidedAt.map { decided in
                        ui.t(
                            "remedy.decided",
                            [
                                "who": labels.person(remedy.decidedByID), "when": time.string(from: decided),
                                "note": remedy.decisionNote ?? "",
                            ])
                    },
                    canDecide: remedy.status == .pendingApproval && ui.can(.manager),
                    approveURL: "/remedies/\(remedy.id.uuidString)/approve",
                    declineURL: "/remedies/\(remedy.id.uuidString)/decline")
            }
        }
    }
}
