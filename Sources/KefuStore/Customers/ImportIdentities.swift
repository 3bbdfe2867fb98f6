import Foundation

/// Every phone and email an import has claimed so far and the customer holding it, so a duplicate
/// within the file costs one lookup — in about 12 bytes per identity rather than the text and a
/// UUID (a 1,000,000-row file claims about 2,000,000 identities).
///
/// A value is kept as its 64-bit hash: two different values share one with a chance of about
/// n²/2⁶⁵ (10⁻⁷ for two million values), which would report a false duplicate. A holder is the
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
    private var holders: [Int: UInt32] = [:]
    private var existing: [UUID] = []
    private var existingCodes: [UUID: UInt32] = [:]

    init(ids: ImportIDs, expected: Int) {
        self.ids = ids
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

    /// Who claimed `value` during this import, if anyone did.
    func holder(of value: String) -> Holder? {
        guard let code = holders[value.hashValue] else { return nil }
        if code & Self.existingFlag != 0 { return Holder(id: existing[Int(code & ~Self.existingFlag)], code: code) }
        return newCustomer(line: Int(code))
    }

    mutating func claim(_ values: [String], for holder: Holder) {
        for value in values { holders[value.hashValue] = holder.code }
    }
}
