public import Foundation
public import KefuCore

/// A member's own page (issue 15 §1): staff hand out a signed link (`/m/{token}`, open for `linkDays`, not single
/// use — the member keeps it on their phone), and the page shows what the card holds now: balance, tier and the
/// progress to the next one, the latest points movements and the coupons the member may still use.
public struct MemberCards: Sendable {
    private let loyalty: LoyaltyRepository
    private let links: SignedLinkRepository
    private let customers: CustomerRepository
    private let coupons: CouponRepository
    private let settings: SettingsRepository

    public init(_ database: KefuDatabase) {
        loyalty = LoyaltyRepository(database)
        links = SignedLinkRepository(database)
        customers = CustomerRepository(database)
        coupons = CouponRepository(database)
        settings = SettingsRepository(database)
    }

    /// Days a member's page link opens.
    public static let linkDays = 365
    /// Movements the page shows.
    public static let movements = 20

    /// A link just made: the path with its token (shown once), and until when it opens.
    public struct Link: Sendable, Equatable {
        public var path: String
        public var expiresAt: Date
    }

    /// What the member's page shows.
    public struct Card: Sendable {
        public var member: Member
        public var name: String
        public var spend: Int
        public var lifetimePoints: Int
        public var progress: TierProgress?
        public var movements: [PointsMovement]
        public var coupons: [Coupon]
        public var settings: BusinessSettings
    }

    /// Makes a link to the member's page (`.notFound` for an unknown member).
    public func link(_ memberID: UUID, by attribution: Attribution) async throws -> Link {
        _ = try await loyalty.get(memberID)
        let expires = attribution.now.addingTimeInterval(Double(Self.linkDays) * 86_400)
        let issued = try await links.issue(.member, subject: memberID, expiresAt: expires, now: attribution.now)
        return Link(path: "/m/" + issued.token, expiresAt: expires)
    }

    /// The card `token` opens; a link that does not open throws its `SignedLinkFailure`.
    public func card(token: String, now: Date) async throws -> Card {
        let link = try await links.resolve(token, for: .member, now: now)
        let member: Member
        do {
            member = try await loyalty.get(link.subjectID)
        } catch DomainError.notFound {
            throw SignedLinkFailure.notFound
        }
        let business = try await settings.get()
        let (spend, points) = try await loyalty.standing(of: member, now: now)
        return Card(
            member: member, name: try await customers.names(of: [member.customerID])[member.customerID] ?? "",
            spend: spend, lifetimePoints: points,
            progress: business.loyalty.progress(from: member.tier, spend: spend, points: points),
            movements: try await loyalty.ledger(member.id, limit: Self.movements, cursor: nil).items,
            coupons: try await coupons.usable(by: member.customerID, now: now), settings: business)
    }
}
