import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// A ticket as the API writes it: `Ticket`'s keys, its due instants and `sla`, its `transfers` and `links`.
struct TicketDTO: ResponseEncodable, Sendable {
    var record: TicketRepository.Record

    func encode(to encoder: any Encoder) throws {
        try record.ticket.encode(to: encoder)
        try record.sla.encode(into: encoder)
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        try c.encode(record.transfers, forKey: AnyCodingKey("transfers"))
        try c.encode(record.links, forKey: AnyCodingKey("links"))
    }
}

/// A ticket in a list: `Ticket`'s keys plus its due instants and `sla`.
struct TicketListItem: Encodable, Sendable {
    var ticket: Ticket
    var sla: TicketSLAStatus

    func encode(to encoder: any Encoder) throws {
        try ticket.encode(to: encoder)
        try sla.encode(into: encoder)
    }
}

/// `POST /api/v1/tickets/{id}/messages`.
struct TicketMessageBody: Decodable {
    var body: String
    var `internal`: Bool?
}
