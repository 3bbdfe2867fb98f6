import Foundation
import KefuCore
import SQLKit

/// Where an incoming message belongs, by the rules of `MailThreading` (issue 16 §1): the ticket holding a message
/// it references; else the ticket its subject numbers, when the sender is that ticket's customer; else a new
/// ticket — linked to the numbered one when another sender wrote.
enum MailThread {
    enum Place {
        case join(Ticket)
        /// A new ticket, related to this one when the subject named a ticket of another customer.
        case open(related: UUID?)
    }

    static func find(for message: MailMessage, on tx: any SQLDatabase) async throws -> Place {
        let ids = MailThreading.referencedMessageIDs(message)
        if !ids.isEmpty {
            struct Row: Decodable {
                var ticket_id: UUID
                var message_id: String
            }
            let rows = try await tx.select().columns("ticket_id", "message_id").from("ticket_messages")
                .where("message_id", .in, ids).all(decoding: Row.self)
            if let id = ids.lazy.compactMap({ id in rows.first { $0.message_id == id } }).first {
                return .join(try await TicketRepository.load(id.ticket_id, on: tx))
            }
        }
        guard let number = MailThreading.ticketNumber(inSubject: message.subject),
            let numbered = try await ticket(numbered: number, on: tx)
        else { return .open(related: nil) }
        struct Holder: Decodable { var customer_id: UUID }
        let holder = try await tx.select().column("customer_id").from("customer_identities")
            .where("value", .equal, message.from.address).first(decoding: Holder.self)
        return holder?.customer_id == numbered.customerID ? .join(numbered) : .open(related: numbered.id)
    }

    private static func ticket(numbered number: TicketNumber, on tx: any SQLDatabase) async throws -> Ticket? {
        try await tx.select().column("*").from("tickets").where("number", .equal, Int64(number.sequence))
            .first(decoding: TicketRow.self)?.ticket()
    }
}
