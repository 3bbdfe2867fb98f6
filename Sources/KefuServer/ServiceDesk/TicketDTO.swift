import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// A ticket as the API writes it: `Ticket`'s keys plus its `transfers` and `links`.
struct TicketDTO: ResponseEncodable, Sendable {
    var record: TicketRepository.Record

    func encode(to encoder: any Encoder) throws {
        try record.ticket.encode(to: encoder)
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        try c.encode(record.transfers, forKey: AnyCodingKey("transfers"))
        try c.encode(record.links, forKey: AnyCodingKey("links"))
    }
}

/// `POST /api/v1/tickets/{id}/messages`.
struct TicketMessageBody: Decodable {
    var body: String
    var `internal`: Bool?
}
