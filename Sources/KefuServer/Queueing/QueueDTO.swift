import Foundation
import KefuCore
import KefuStore

/// A queue service: `{"id", "branch_id", "name", "name_en", "prefix", "expected_service_minutes",
/// "target_wait_minutes", "active", "created_at", "updated_at"}`.
struct QueueServiceDTO: FieldsDTO {
    let service: QueueService

    var fields: KeyValuePairs<String, any Encodable> {
        [
            "id": service.id, "branch_id": service.branchID, "name": service.name, "name_en": service.nameEn,
            "prefix": service.prefix, "expected_service_minutes": service.expectedServiceMinutes,
            "target_wait_minutes": service.targetWaitMinutes, "active": service.active,
            "created_at": RFC3339.utc(service.createdAt), "updated_at": RFC3339.utc(service.updatedAt),
        ]
    }
}

/// A counter: `{"id", "branch_id", "name", "service_ids", "open", "agent_id", "created_at", "updated_at"}`.
struct QueueCounterDTO: FieldsDTO {
    let counter: QueueCounter

    var fields: KeyValuePairs<String, any Encodable> {
        [
            "id": counter.id, "branch_id": counter.branchID, "name": counter.name, "service_ids": counter.serviceIDs,
            "open": counter.open, "agent_id": counter.agentID, "created_at": RFC3339.utc(counter.createdAt),
            "updated_at": RFC3339.utc(counter.updatedAt),
        ]
    }
}

/// A queue ticket as staff and API clients see it. `position` is its place in its service's line now (null unless
/// waiting); `estimated_wait_minutes` the range it was promised when issued; `status_url` the path of its status
/// page, given only when it is issued (the token is not kept).
struct QueueTicketDTO: FieldsDTO {
    let placed: QueueTicketRepository.Placed

    var fields: KeyValuePairs<String, any Encodable> {
        let ticket = placed.ticket
        return [
            "id": ticket.id, "number": ticket.number, "branch_id": ticket.branchID, "service_id": ticket.serviceID,
            "class": ticket.queueClass.rawValue, "status": ticket.status.rawValue, "position": placed.position,
            "estimated_wait_minutes": EstimateDTO(low: ticket.estimateLow, high: ticket.estimateHigh),
            "status_url": placed.statusToken.map { "/q/" + $0 }, "customer_id": ticket.customerID,
            "phone": ticket.phone, "channel": ticket.channel, "day": ticket.day,
            "arrived_at": RFC3339.utc(ticket.arrivedAt), "issued_at": RFC3339.utc(ticket.issuedAt),
            "called_at": ticket.calledAt.map(RFC3339.utc), "counter_id": ticket.counterID,
            "target_counter_id": ticket.targetCounterID, "call_reason": ticket.callReason, "recalls": ticket.recalls,
            "started_at": ticket.startedAt.map(RFC3339.utc), "finished_at": ticket.finishedAt.map(RFC3339.utc),
            "outcome": ticket.outcome, "served_by": ticket.servedBy, "updated_at": RFC3339.utc(ticket.updatedAt),
        ]
    }

    /// `{"low", "high"}` in whole minutes, or null when the ticket was issued without one.
    struct EstimateDTO: Encodable {
        var low: Int?
        var high: Int?

        func encode(to encoder: any Encoder) throws {
            guard let low, let high else {
                var c = encoder.singleValueContainer()
                try c.encodeNil()
                return
            }
            var c = encoder.container(keyedBy: AnyCodingKey.self)
            try c.encode(low, forKey: AnyCodingKey("low"))
            try c.encode(high, forKey: AnyCodingKey("high"))
        }
    }
}

/// The public fields of a ticket, for its status page asked with `Accept: application/json`: `{"number",
/// "status", "position", "estimated_wait_minutes", "counter_id"}`.
struct QueueTicketPublicDTO: FieldsDTO {
    let placed: QueueTicketRepository.Placed

    var fields: KeyValuePairs<String, any Encodable> {
        let ticket = placed.ticket
        return [
            "number": ticket.number, "status": ticket.status.rawValue, "position": placed.position,
            "estimated_wait_minutes": QueueTicketDTO.EstimateDTO(low: ticket.estimateLow, high: ticket.estimateHigh),
            "counter_id": ticket.counterID,
        ]
    }
}

/// A branch's queue settings: `{"branch_id", "kind", "aging_minutes", "class_order", "tier_classes",
/// "no_show_after_recalls", "board_message", "device_key_set", "updated_at"}`.
struct QueueSetupDTO: FieldsDTO {
    let branchID: UUID
    let setup: QueueBranchSetup

    var fields: KeyValuePairs<String, any Encodable> {
        [
            "branch_id": branchID, "kind": setup.policy.kind.rawValue, "aging_minutes": setup.policy.agingMinutes,
            "class_order": setup.classOrder.classes.map(\.rawValue),
            "tier_classes": setup.tierClasses.mapValues(\.rawValue),
            "no_show_after_recalls": setup.noShowAfterRecalls, "board_message": setup.boardMessage,
            "device_key_set": setup.deviceKeyHash != nil, "updated_at": setup.updatedAt.map(RFC3339.utc),
        ]
    }
}

/// `{"counters": [{"id", "name", "open", "current_ticket"}], "waiting": [{"service_id", "by_class": {"<class>": N},
/// "total"}], "last_called": ticket | null}`.
struct QueueStateDTO: FieldsDTO {
    let state: QueueBranchState

    var fields: KeyValuePairs<String, any Encodable> {
        [
            "counters": state.counters.map(CounterDTO.init),
            "waiting": state.waiting.map(WaitingDTO.init),
            "last_called": state.lastCalled.map { QueueTicketDTO(placed: .init(ticket: $0, position: nil)) },
        ]
    }

    struct CounterDTO: FieldsDTO {
        let counter: QueueBranchState.CounterState

        var fields: KeyValuePairs<String, any Encodable> {
            [
                "id": counter.counter.id, "name": counter.counter.name, "open": counter.counter.open,
                "current_ticket": counter.current.map { QueueTicketDTO(placed: .init(ticket: $0, position: nil)) },
            ]
        }
    }

    struct WaitingDTO: FieldsDTO {
        let waiting: QueueBranchState.Waiting

        var fields: KeyValuePairs<String, any Encodable> {
            [
                "service_id": waiting.serviceID,
                "by_class": Dictionary(uniqueKeysWithValues: waiting.byClass.map { ($0.key.rawValue, $0.value) }),
                "total": waiting.total,
            ]
        }
    }
}
