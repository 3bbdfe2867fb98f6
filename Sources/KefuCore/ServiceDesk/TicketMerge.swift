public import Foundation

/// Merging a ticket into another (a customer wrote twice about one problem): the survivor keeps both
/// conversations and both sets of tags; the merged ticket is closed, points at the survivor and is read-only
/// from then on. Pure: the store loads both tickets, asks here, and writes what comes back.
public enum TicketMerge {
    /// `source` closed and merged into `survivor`, and `survivor` with the tags of both — or why not: a ticket is
    /// not merged into itself, from a closed ticket, into a closed (or already merged) one, or across customers
    /// (`sameCustomer` is the store's answer, counting a merged customer as its survivor).
    public static func merge(
        _ source: Ticket, into survivor: Ticket, sameCustomer: Bool, now: Date
    ) throws(ServiceDeskError) -> (source: Ticket, survivor: Ticket) {
        guard source.id != survivor.id else { throw .mergeIntoItself }
        try TicketLifecycle.ensureWritable(source)
        guard survivor.status != .closed, survivor.mergedInto == nil else { throw .mergeTargetClosed }
        guard sameCustomer else { throw .differentCustomers }
        var merged = source
        merged.status = .closed
        merged.resolvedAt = source.resolvedAt ?? now
        merged.mergedInto = survivor.id
        merged.updatedAt = now
        var kept = survivor
        kept.tags = Array(CustomerProfile.cleanTags(survivor.tags + source.tags).prefix(CustomerRules.maxTags))
        kept.updatedAt = now
        return (merged, kept)
    }
}
