import Foundation
import KefuCore

/// The queue tables' rows as stored (snake_case columns), and their domain values.
enum QueueRows {
    struct Setup: Codable {
        var branch_id: UUID
        var policy: String
        var aging_minutes: Double?
        var class_order: String
        var tier_classes: String
        var no_show_after_recalls: Int
        var board_message: String?
        var device_key_hash: String?
        var updated_at: Date

        init(branchID: UUID, _ setup: QueueBranchSetup, now: Date) throws {
            branch_id = branchID
            policy = setup.policy.kind.rawValue
            aging_minutes = setup.policy.agingMinutes
            class_order = try StoreJSON.encode(setup.classOrder)
            tier_classes = try StoreJSON.encode(setup.tierClasses)
            no_show_after_recalls = setup.noShowAfterRecalls
            board_message = setup.boardMessage
            device_key_hash = setup.deviceKeyHash
            updated_at = now
        }

        var setup: QueueBranchSetup {
            get throws {
                QueueBranchSetup(
                    policy: try QueuePolicy(kind: policy, agingMinutes: aging_minutes),
                    classOrder: try StoreJSON.decode(QueueClassOrder.self, from: class_order),
                    tierClasses: try StoreJSON.decode([String: QueueClass].self, from: tier_classes),
                    noShowAfterRecalls: no_show_after_recalls, boardMessage: board_message,
                    deviceKeyHash: device_key_hash, updatedAt: updated_at)
            }
        }
    }

    struct Service: Codable {
        var id: UUID
        var branch_id: UUID
        var name: String
        var name_en: String?
        var prefix: String
        var expected_service_minutes: Double
        var target_wait_minutes: Double
        var active: Bool
        var created_at: Date
        var updated_at: Date

        var service: QueueService {
            QueueService(
                id: id, branchID: branch_id, name: name, nameEn: name_en, prefix: prefix,
                expectedServiceMinutes: expected_service_minutes, targetWaitMinutes: target_wait_minutes,
                active: active, createdAt: created_at, updatedAt: updated_at)
        }
    }

    struct Counter: Codable {
        var id: UUID
        var branch_id: UUID
        var name: String
        var service_ids: String
        var open: Bool
        var agent_id: UUID?
        var created_at: Date
        var updated_at: Date

        init(_ counter: QueueCounter) throws {
            id = counter.id
            branch_id = counter.branchID
            name = counter.name
            service_ids = try StoreJSON.encode(counter.serviceIDs)
            open = counter.open
            agent_id = counter.agentID
            created_at = counter.createdAt
            updated_at = counter.updatedAt
        }

        var counter: QueueCounter {
            get throws {
                QueueCounter(
                    id: id, branchID: branch_id, name: name,
                    serviceIDs: try StoreJSON.decode([UUID].self, from: service_ids), open: open, agentID: agent_id,
                    createdAt: created_at, updatedAt: updated_at)
            }
        }
    }

    struct Ticket: Codable {
        var id: UUID
        var branch_id: UUID
        var service_id: UUID
        var number: String
        var day: String
        var sequence: Int64
        var `class`: String
        var status: String
        var customer_id: UUID?
        var phone: String?
        var channel: String
        var arrived_at: Date
        var issued_at: Date
        var called_at: Date?
        var counter_id: UUID?
        var target_counter_id: UUID?
        var call_reason: String?
        var recalls: Int
        var started_at: Date?
        var finished_at: Date?
        var outcome: String?
        var served_by: UUID?
        var estimate_low: Int?
        var estimate_high: Int?
        var updated_at: Date

        init(_ t: QueueTicket, sequence: Int64) {
            id = t.id
            branch_id = t.branchID
            service_id = t.serviceID
            number = t.number
            day = t.day
            self.sequence = sequence
            `class` = t.queueClass.rawValue
            status = t.status.rawValue
            customer_id = t.customerID
            phone = t.phone
            channel = t.channel
            arrived_at = t.arrivedAt
            issued_at = t.issuedAt
            called_at = t.calledAt
            counter_id = t.counterID
            target_counter_id = t.targetCounterID
            call_reason = t.callReason
            recalls = t.recalls
            started_at = t.startedAt
            finished_at = t.finishedAt
            outcome = t.outcome
            served_by = t.servedBy
            estimate_low = t.estimateLow
            estimate_high = t.estimateHigh
            updated_at = t.updatedAt
        }

        var ticket: QueueTicket {
            get throws {
                guard let queueClass = QueueClass(rawValue: `class`),
                    let status = QueueTicket.Status(rawValue: status)
                else { throw StoreError.corrupt("queue ticket \(id) has class \(`class`), status \(status)") }
                return QueueTicket(
                    id: id, branchID: branch_id, serviceID: service_id, number: number, day: day,
                    queueClass: queueClass, status: status, customerID: customer_id, phone: phone, channel: channel,
                    arrivedAt: arrived_at, issuedAt: issued_at, calledAt: called_at, counterID: counter_id,
                    targetCounterID: target_counter_id, callReason: call_reason, recalls: recalls,
                    startedAt: started_at, finishedAt: finished_at, outcome: outcome, servedBy: served_by,
                    estimateLow: estimate_low, estimateHigh: estimate_high, updatedAt: updated_at)
            }
        }
    }
}
