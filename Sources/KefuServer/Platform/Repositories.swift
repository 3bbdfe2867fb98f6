import KefuStore

/// The repositories the routes and pages use, built once when the application is built and handed
/// to each route group (each takes a fresh pooled handle per unit of work, see `DatabaseSource`).
struct Repositories: Sendable {
    let customers: CustomerRepository
    let contacts: ContactRepository
    let notes: NoteRepository
    let users: UserRepository
    let branches: BranchRepository
    let calendars: CalendarRepository
    let settings: SettingsRepository
    let tokens: TokenRepository
    let tickets: TicketRepository
    let teams: TeamRepository
    let complaints: ComplaintRepository
    let remedies: RemedyRepository
    let notifications: NotificationRepository
    let serviceDeskReports: ServiceDeskReports
    let slaReports: SLAReports
    let surveyReports: SurveyReports
    let articles: KBArticleRepository
    let cannedReplies: CannedReplyRepository
    let slaPolicies: SLAPolicyRepository
    let signedLinks: SignedLinkRepository
    let purchases: PurchaseRepository
    let loyalty: LoyaltyRepository
    let promotions: PromotionRepository
    let coupons: CouponRepository
    let quoting: Quoting
    let memberCards: MemberCards
    let crossSell: CrossSell
    let promotionEffects: PromotionEffects
    let followUpPlans: FollowUpPlanRepository
    let followUps: FollowUpRepository
    let health: HealthLedger
    let surveys: SurveyRepository
    let surveyInvitations: SurveyInvitationRepository
    let surveyResponses: SurveyResponseRepository
    let surveyCampaigns: SurveyCampaignRepository
    let queueSetup: QueueSetupRepository
    let queueTickets: QueueTicketRepository
    let queueReports: QueueReports
    let mailboxes: MailboxRepository

    init(_ database: KefuDatabase) {
        customers = CustomerRepository(database)
        contacts = ContactRepository(database)
        notes = NoteRepository(database)
        users = UserRepository(database)
        branches = BranchRepository(database)
        calendars = CalendarRepository(database)
        settings = SettingsRepository(database)
        tokens = TokenRepository(database)
        tickets = TicketRepository(database)
        teams = TeamRepository(database)
        complaints = ComplaintRepository(database)
        remedies = RemedyRepository(database)
        notifications = NotificationRepository(database)
        serviceDeskReports = ServiceDeskReports(database)
        slaReports = SLAReports(database)
        surveyReports = SurveyReports(database)
        articles = KBArticleRepository(database)
        cannedReplies = CannedReplyRepository(database)
        slaPolicies = SLAPolicyRepository(database)
        signedLinks = SignedLinkRepository(database)
        purchases = PurchaseRepository(database)
        loyalty = LoyaltyRepository(database)
        promotions = PromotionRepository(database)
        coupons = CouponRepository(database)
        quoting = Quoting(database)
        memberCards = MemberCards(database)
        crossSell = CrossSell(database)
        promotionEffects = PromotionEffects(database)
        followUpPlans = FollowUpPlanRepository(database)
        followUps = FollowUpRepository(database)
        health = HealthLedger(database)
        surveys = SurveyRepository(database)
        surveyInvitations = SurveyInvitationRepository(database)
        surveyResponses = SurveyResponseRepository(database)
        surveyCampaigns = SurveyCampaignRepository(database)
        queueSetup = QueueSetupRepository(database)
        queueTickets = QueueTicketRepository(database)
        queueReports = QueueReports(database)
        mailboxes = MailboxRepository(database)
    }
}
