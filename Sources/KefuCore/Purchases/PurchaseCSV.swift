public import Foundation

/// The purchase CSV format of `kefu import purchases` (documented for users in README › Purchase CSV format).
///
/// One line item per row. Consecutive rows with the same `source` + `external_ref` are the lines of one
/// purchase; a row without both is a purchase of its own. The purchase's own cells (customer, branch,
/// `purchased_at`, `total`, `currency`) are given on its first row and may be repeated, equal, on the others.
/// Each purchase is validated as the API validates one (`PurchaseDraft.validated`) and every problem reported
/// as row, column and reason, the way the customer import reports them. Looking the customer and the branch
/// up needs the database, so that is left to the store.
public enum PurchaseCSV {
    /// Every column of the format; a header names them in any order and letter case.
    public enum Column: String, CaseIterable, Sendable {
        case customerID = "customer_id"
        case customerPhone = "customer_phone"
        case customerEmail = "customer_email"
        case customerExternalID = "customer_external_id"
        case branchID = "branch_id"
        case purchasedAt = "purchased_at"
        case total, currency, source
        case externalRef = "external_ref"
        case sku, name, category, quantity
        case unitPrice = "unit_price"

        /// The columns that name the customer; a header has at least one.
        public static let customer: [Column] = [.customerID, .customerPhone, .customerEmail, .customerExternalID]
        static let item: [Column] = [.sku, .name, .category, .quantity, .unitPrice]
    }

    /// How a row names its customer, normalised the way customers are stored (a phone in E.164 under the
    /// business phone region, an email lower-cased). A row may give several; they must name one customer.
    public struct CustomerReference: Sendable, Hashable {
        public var id: UUID?
        public var phone: String?
        public var email: String?
        /// The customer's `external_id`, as given.
        public var externalID: String?

        public init(id: UUID? = nil, phone: String? = nil, email: String? = nil, externalID: String? = nil) {
            self.id = id
            self.phone = phone
            self.email = email
            self.externalID = externalID
        }

        public var isEmpty: Bool { id == nil && phone == nil && email == nil && externalID == nil }
    }

    /// What reading a file needs from the business: phones are read in its region, a bare date is its local
    /// midnight, an amount without a currency is in its currency, and no purchase may lie in the future of `now`.
    public struct Context: Sendable {
        public var phoneRegion: String
        public var zone: TimeZone
        public var currency: String
        public var now: Date

        public init(phoneRegion: String, zone: TimeZone, currency: String, now: Date) {
            self.phoneRegion = phoneRegion
            self.zone = zone
            self.currency = currency
            self.now = now
        }
    }

    /// A valid purchase of the file: the rows it was read from and the validated draft, whose `customerID` is
    /// `unresolvedCustomer` until the store has looked `customer` up.
    public struct Entry: Sendable, Equatable {
        /// The rows of its lines, in file order (one for a purchase without lines).
        public var lines: [Int]
        public var customer: CustomerReference
        /// The `branch_id` cell: a branch's id or its name, looked up by the store.
        public var branch: String?
        public var draft: PurchaseDraft

        /// The row errors are reported on: the purchase's first.
        public var line: Int { lines[0] }
    }

    /// The purchases and row errors of a stretch of the file, both in file order.
    public struct Batch: Sendable {
        public var entries: [Entry] = []
        public var rejected: [CSV.RowError] = []
        /// Records read, blank ones included, for the progress line.
        public var records = 0
    }

    /// The customer id a draft carries until its customer is known.
    public static let unresolvedCustomer = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
}
