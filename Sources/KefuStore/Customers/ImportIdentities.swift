import Foundation

/// Every phone and email an import has claimed so far and the customer holding it, so a duplicate
/// within the file costs one lookup — in about 12 bytes per identity rather than the text and a
/// UUID (a 1,000,000-row file claims about 2,000,000 identities).
///
/// A value is kept as its 64-bit hash, so a hit is only a candidate: two different values share a
/// hash with a chance of about n²/2⁶⁵ (10⁻⁷ for two million values), and `ImportWriter` confirms
/// every hit against the holder's own phones and emails before it counts. A holder is the
/// line of the row that created it (its id follows from `ImportIDs`) or, for a customer that was in
/// the database before the import, a position in `existing`.
struct ImportIdentities {
    /// A customer holding claimed identities: one this import creates, or one that existed before.
    struct Holder: Equatable {
        let id: UUID
        fileprivate let code: UInt32

        var existedBefore: Bool { code & ImportIdentities.existingFlag != 0 }
    }

    private static let existingFlag: UInt32 = 1 << 31
    private let ids: ImportIDs
    private let hash: @Sendable (String) -> Int
    private var holders: [Int: UInt32] = [:]
    private var existing: [UUID] = []
    private var existingCodes: [UUID: UInt32] = [:]

    /// `hash` is Swift's own; tests pass one that makes values collide.
    init(ids: ImportIDs, expected: Int, hash: @escaping @Sendable (String) -> Int = { $0.hashValue }) {
        self.ids = ids
        self.hash = hash
        holders.reserveCapacity(expected)
    }

    /// The customer the row on `line` creates.
    func newCustomer(line: Int) -> Holder {
        precondition(line < Int(Self.existingFlag), "an import file has fewer than 2³¹ lines")
        return Holder(id: ids.customer(line: line), code: UInt32(line))
    }

    /// A customer found in the database through one of its identities.
    mutating func existingCustomer(_ id: UUID) -> Holder {
        if let code = existingCodes[id] { return Holder(id: id, code: code) }
        let code = Self.existingFlag | UInt32(existing.count)
        existing.append(id)
        existingCodes[id] = code
        return Holder(id: id, code: code)
    }

    /// Who claimed `value` — or another value with the same hash — during this import, if anyone did.
    func holder(of value: String) -> Holder? {
        guard let code = holders[hash(value)] else { return nil }
        if code & Self.existingFlag != 0 { return Holder(id: existing[Int(code & ~Self.existingFlag)], code: code) }
        return newCustomer(line: Int(code))
    }

    mutating func claim(_ values: [String], for holder: Holder) {
        for value in values { holders[hash(value)] = holder.code }
    }
}
