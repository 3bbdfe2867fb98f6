import Foundation
import KefuCore
import Testing

extension ServiceDeskTests {
    @Suite struct TicketOwnershipTests {
        let agent = ServiceDeskTests.id(7)
        let manager = ServiceDeskTests.id(8)
        let named = ServiceDeskTests.id(9)
        let stickyAgent = ServiceDeskTests.id(10)
        let team = ServiceDeskTests.id(20)
        let a = ServiceDeskTests.id(21)
        let b = ServiceDeskTests.id(22)
        let c = ServiceDeskTests.id(23)
        let now = ServiceDeskTests.now

        var available: StickyCandidate { StickyCandidate(agentID: stickyAgent, active: true, available: true) }

        func roundRobin(_ agents: [TeamAgent], from position: Int, capacity: Int = 50) throws -> OwnershipDecision {
            try TicketOwnership.decide(
                OwnershipRequest(
                    creator: .nonStaff, teamID: team, teamAgents: agents, capacity: capacity,
                    roundRobinPosition: position))
        }

        @Test func anAgentWhoLogsATicketOwnsIt() throws {
            let decision = try TicketOwnership.decide(
                OwnershipRequest(creator: .staff(id: agent, role: .agent), sticky: available, teamID: team))
            #expect(decision == OwnershipDecision(ownerID: agent, source: .creator, nextRoundRobinPosition: 0))
        }

        @Test func anAgentMayNotNameAnOwnerNotEvenThemselves() {
            for owner in [named, agent] {
                #expect(throws: ServiceDeskError.forbidden(.setOwner)) {
                    try TicketOwnership.decide(
                        OwnershipRequest(creator: .staff(id: agent, role: .agent), explicitOwnerID: owner))
                }
            }
            #expect(throws: ServiceDeskError.forbidden(.setOwner)) {
                try TicketOwnership.decide(OwnershipRequest(creator: .nonStaff, explicitOwnerID: named))
            }
        }

        @Test(arguments: [Role.manager, .admin])
        func aManagerOrAdminMayNameTheOwner(role: Role) throws {
            let decision = try TicketOwnership.decide(
                OwnershipRequest(
                    creator: .staff(id: manager, role: role), explicitOwnerID: named, sticky: available,
                    roundRobinPosition: 3))
            #expect(decision == OwnershipDecision(ownerID: named, source: .explicit, nextRoundRobinPosition: 3))
        }

        @Test(arguments: [TicketCreator.nonStaff, .staff(id: ServiceDeskTests.id(8), role: .manager)])
        func otherwiseTheCustomersLastOwnerKeepsThem(creator: TicketCreator) throws {
            let decision = try TicketOwnership.decide(
                OwnershipRequest(
                    creator: creator, sticky: available, teamID: team,
                    teamAgents: [TeamAgent(agentID: a, available: true, openTickets: 0)]))
            #expect(decision == OwnershipDecision(ownerID: stickyAgent, source: .sticky, nextRoundRobinPosition: 0))
        }

        @Test(arguments: [(false, true), (true, false), (false, false)])
        func anInactiveOrAwayStickyOwnerIsPassedBy(active: Bool, isAvailable: Bool) throws {
            let sticky = StickyCandidate(agentID: stickyAgent, active: active, available: isAvailable)
            let decision = try TicketOwnership.decide(
                OwnershipRequest(
                    creator: .nonStaff, sticky: sticky, teamID: team,
                    teamAgents: [TeamAgent(agentID: a, available: true, openTickets: 0)]))
            #expect(decision == OwnershipDecision(ownerID: a, source: .roundRobin, nextRoundRobinPosition: 0))
        }

        @Test func roundRobinTakesTheNextAgentAndAdvances() throws {
            let agents = [a, b, c].map { TeamAgent(agentID: $0, available: true, openTickets: 3) }
            #expect(
                try roundRobin(agents, from: 0)
                    == OwnershipDecision(ownerID: a, source: .roundRobin, nextRoundRobinPosition: 1))
            #expect(try roundRobin(agents, from: 1).ownerID == b)
            #expect(
                try roundRobin(agents, from: 2)
                    == OwnershipDecision(ownerID: c, source: .roundRobin, nextRoundRobinPosition: 0))
        }

        @Test func roundRobinSkipsAwayInactiveAndFullAgentsAndWraps() throws {
            let agents = [
                TeamAgent(agentID: a, available: true, openTickets: 10),
                TeamAgent(agentID: b, available: false, openTickets: 0),
                TeamAgent(agentID: c, available: true, openTickets: 50),
                TeamAgent(agentID: named, active: false, available: true, openTickets: 0),
            ]
            // From b's turn, b is away, c is at capacity, the inactive account is skipped: wraps round to a.
            let decision = try roundRobin(agents, from: 1)
            #expect(decision == OwnershipDecision(ownerID: a, source: .roundRobin, nextRoundRobinPosition: 1))
        }

        @Test func capacityIsASetting() throws {
            let agents = [TeamAgent(agentID: a, available: true, openTickets: 5)]
            #expect(try roundRobin(agents, from: 0, capacity: 5).source == .unowned)
            #expect(try roundRobin(agents, from: 0, capacity: 6).ownerID == a)
        }

        @Test func aStalePositionIsTakenRoundTheTeam() throws {
            let agents = [a, b].map { TeamAgent(agentID: $0, available: true, openTickets: 0) }
            #expect(try roundRobin(agents, from: 7).ownerID == b)
            #expect(try roundRobin(agents, from: 7).nextRoundRobinPosition == 0)
        }

        @Test func nobodyEligibleLeavesItUnownedAndThePositionAlone() throws {
            let agents = [a, b].map { TeamAgent(agentID: $0, available: false, openTickets: 0) }
            #expect(
                try roundRobin(agents, from: 1)
                    == OwnershipDecision(ownerID: nil, source: .unowned, nextRoundRobinPosition: 1))
            #expect(try roundRobin([], from: 0).source == .unowned)
        }

        @Test func aTicketWithoutTeamSkipsRoundRobin() throws {
            let decision = try TicketOwnership.decide(
                OwnershipRequest(
                    creator: .staff(id: manager, role: .admin),
                    teamAgents: [TeamAgent(agentID: a, available: true, openTickets: 0)], roundRobinPosition: 0))
            #expect(decision == OwnershipDecision(ownerID: nil, source: .unowned, nextRoundRobinPosition: 0))
        }

        @Test func theFirstPublicStaffReplyOnAnUnownedTicketTakesOwnership() {
            let unowned = ServiceDeskTests.ticket()
            #expect(
                TicketOwnership.afterStaffReply(to: unowned, authorID: manager, visibility: .public)
                    == .takesOwnership(ownerID: manager, assigneeID: manager))
            #expect(
                TicketOwnership.afterStaffReply(to: unowned, authorID: manager, visibility: .internal) == .unchanged)
            let assigned = ServiceDeskTests.ticket { $0.assigneeID = b }
            #expect(
                TicketOwnership.afterStaffReply(to: assigned, authorID: manager, visibility: .public)
                    == .takesOwnership(ownerID: manager, assigneeID: b))
            let owned = ServiceDeskTests.ticket { $0.ownerID = agent }
            #expect(TicketOwnership.afterStaffReply(to: owned, authorID: manager, visibility: .public) == .unchanged)
        }

        @Test func aTransferKeepsTheOwnerAndRecordsTheReason() throws {
            // setup
            var ticket = ServiceDeskTests.ticket {
                $0.ownerID = agent
                $0.assigneeID = agent
            }
            let later = now.addingTimeInterval(60)
            // MUT
            let transfer = try TicketOwnership.transfer(&ticket, to: b, by: agent, reason: "  需要工程部 ", now: later)
            // validate
            #expect(transfer == TicketTransfer(byID: agent, fromID: agent, toID: b, reason: "需要工程部", createdAt: later))
            #expect(ticket.ownerID == agent)
            #expect(ticket.assigneeID == b)
            #expect(ticket.updatedAt == later)
            #expect(transfer?.notifiesOwner(agent) == false)
            #expect(transfer?.notifiesOwner(manager) == true)
            #expect(transfer?.notifiesOwner(nil) == false)
        }

        @Test func aChangeFromOrToNobodyIsATransferToo() throws {
            var ticket = ServiceDeskTests.ticket()
            #expect(throws: ServiceDeskError.transferReasonRequired) {
                try TicketOwnership.transfer(&ticket, to: b, by: manager, reason: nil, now: now)
            }
            #expect(throws: ServiceDeskError.transferReasonRequired) {
                try TicketOwnership.transfer(&ticket, to: b, by: manager, reason: " \n", now: now)
            }
            #expect(ticket.assigneeID == nil)
            let assign = try TicketOwnership.transfer(&ticket, to: b, by: manager, reason: "接手", now: now)
            #expect(assign?.fromID == nil)
            let release = try TicketOwnership.transfer(&ticket, to: nil, by: manager, reason: "退回队列", now: now)
            #expect(release?.toID == nil)
            #expect(ticket.assigneeID == nil)
        }

        @Test func keepingTheAssigneeIsNoTransfer() throws {
            var ticket = ServiceDeskTests.ticket { $0.assigneeID = b }
            #expect(try TicketOwnership.transfer(&ticket, to: b, by: manager, reason: nil, now: now) == nil)
        }

        @Test func aClosedTicketCannotBeTransferred() {
            var ticket = ServiceDeskTests.ticket(status: .closed)
            #expect(throws: ServiceDeskError.ticketClosed) {
                try TicketOwnership.transfer(&ticket, to: b, by: manager, reason: "x", now: now)
            }
        }

        @Test func goingAwayIsRecordedAsATransfer() throws {
            var ticket = ServiceDeskTests.ticket {
                $0.priority = .urgent
                $0.assigneeID = agent
            }
            let transfer = try TicketOwnership.transfer(
                &ticket, to: nil, by: agent, reason: TicketOwnership.awayReason, now: now)
            #expect(transfer?.reason == "agent_away")
            #expect(ticket.assigneeID == nil)
        }

        @Test func transferFieldErrorNamesTheField() {
            #expect(ServiceDeskError.transferReasonRequired.fieldErrors.map(\.field) == ["transfer_reason"])
            #expect(ServiceDeskError.ticketClosed.fieldErrors == [])
        }

        @Test func transferJSONWritesNobodyAsNull() throws {
            let transfer = TicketTransfer(byID: manager, fromID: nil, toID: b, reason: "接手", createdAt: now)
            let data = try JSONEncoder().encode(transfer)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(Set(object.keys) == ["by_id", "from_id", "to_id", "reason", "created_at"])
            #expect(object["from_id"] is NSNull)
            #expect(try JSONDecoder().decode(TicketTransfer.self, from: data) == transfer)
        }

        @Test func goingAwayUnassignsOnlyUnfinishedUrgentTickets() {
            func ticket(_ n: Int, _ priority: TicketPriority, _ status: TicketStatus, assignee: UUID?) -> Ticket {
                ServiceDeskTests.ticket(status: status) {
                    $0.id = ServiceDeskTests.id(n)
                    $0.priority = priority
                    $0.ownerID = agent
                    $0.assigneeID = assignee
                }
            }
            let tickets = [
                ticket(1, .urgent, .open, assignee: agent),
                ticket(2, .high, .open, assignee: agent),
                ticket(3, .urgent, .resolved, assignee: agent),
                ticket(4, .urgent, .new, assignee: b),
                ticket(5, .urgent, .pendingCustomer, assignee: agent),
            ]
            #expect(
                TicketOwnership.ticketsToUnassign(whenAway: agent, tickets: tickets) == [
                    ServiceDeskTests.id(1), ServiceDeskTests.id(5),
                ])
        }
    }
}
