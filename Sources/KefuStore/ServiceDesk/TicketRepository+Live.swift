public import Foundation

extension TicketRepository {
    /// The live-updates topic of a ticket's public side (its status page): public messages and status changes.
    public static func liveTopic(_ id: UUID) -> String { "ticket:" + id.uuidString.lowercased() }

    /// Tells the status pages of `ids` that they changed; called once the write committed. The event names no
    /// message, so an internal note could not leak through it, but internal notes do not announce at all.
    func announce(_ ids: UUID...) async {
        for id in ids { await live.publish(Self.liveTopic(id)) }
    }
}
