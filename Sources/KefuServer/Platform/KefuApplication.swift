public import Hummingbird
public import KefuStore
public import Logging
public import Prometheus

/// Builds the Kefu HTTP application from its dependencies, so `kefu serve` and the tests build
/// exactly the same thing.
public enum KefuApplication {
    public static func build(
        configuration: ServerConfiguration, database: KefuDatabase,
        metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        logger: Logger = Logger(label: "kefu")
    ) throws -> some ApplicationProtocol {
        let router = try buildRouter(configuration: configuration, database: database, metrics: metrics)
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "kefu"),
            logger: logger
        )
    }

    /// The worker Service that runs background jobs; each capability registers its job kinds here.
    public static func jobWorker(
        database: KefuDatabase, metrics: PrometheusCollectorRegistry, logger: Logger = Logger(label: "kefu.jobs"),
        mail: MailOutbox.Delivery = .unconfigured
    ) -> JobWorker {
        let handlers = JobHandlers.kefu(mail: mail)
        return JobWorker(
            queue: JobQueue(database), handlers: handlers, daily: DailyJobs(database, kinds: handlers.dailyKinds),
            metrics: metrics, logger: logger)
    }

    static func buildRouter(
        configuration: ServerConfiguration, database: KefuDatabase,
        metrics: PrometheusCollectorRegistry
    ) throws -> Router<KefuRequestContext> {
        let router = Router(context: KefuRequestContext.self)
        let views = try WebViews.load()
        let repositories = Repositories(database)
        router.addMiddleware {
            HTTPMetricsMiddleware(registry: metrics)
            ClockMiddleware(clock: database.clock)
            SecurityHeadersMiddleware()
            RequestIDMiddleware()
            ErrorMiddleware(pages: WebErrorPages(views: views))
            NulGuardMiddleware()
            ClientAddressMiddleware(trustedProxies: configuration.trustedProxies)
            AuthenticationMiddleware(tokens: repositories.tokens, metricsToken: configuration.metricsToken)
        }
        let passwords = Passwords(cost: configuration.bcryptCost)
        let api = router.group("api/v1")
        let authenticator = Authenticator(
            users: repositories.users, passwords: passwords,
            throttle: LoginThrottle(configuration.loginLimits))
        AuthRoutes(tokens: repositories.tokens, authenticator: authenticator, configuration: configuration)
            .register(on: api)
        CustomerTransferRoutes(database: database).register(on: api)
        CustomerRoutes(database: database, customers: repositories.customers, health: repositories.health).register(
            on: api)
        ContactRoutes(database: database, repositories: repositories).register(on: api)
        TicketRoutes(database: database, tickets: repositories.tickets).register(on: api)
        PurchaseRoutes(database: database, purchases: repositories.purchases).register(on: api)
        LoyaltyRoutes(database: database, loyalty: repositories.loyalty, cards: repositories.memberCards)
            .register(on: api)
        PromotionRoutes(database: database, promotions: repositories.promotions, quoting: repositories.quoting)
            .register(on: api)
        CouponRoutes(database: database, coupons: repositories.coupons).register(on: api)
        QueueSetupRoutes(database: database, setup: repositories.queueSetup, configuration: configuration)
            .register(on: api)
        QueueTicketRoutes(database: database, tickets: repositories.queueTickets).register(on: api)
        QueueReportRoutes(reports: repositories.queueReports, settings: repositories.settings, views: views)
            .register(on: api)
        CrossSellRoutes(crossSell: repositories.crossSell, settings: repositories.settings, views: views)
            .register(on: api)
        PromotionEffectRoutes(effects: repositories.promotionEffects, settings: repositories.settings, views: views)
            .register(on: api)
        FollowUpRoutes(database: database, plans: repositories.followUpPlans, tasks: repositories.followUps)
            .register(on: api)
        SurveyRoutes(database: database, repositories: repositories).register(on: api)
        TeamRoutes(teams: repositories.teams, tickets: repositories.tickets).register(on: api)
        ComplaintRoutes(complaints: repositories.complaints).register(on: api)
        RemedyRoutes(remedies: repositories.remedies).register(on: api)
        TicketLinkRoutes(tickets: repositories.tickets).register(on: api)
        NotificationRoutes(
            database: database, notifications: repositories.notifications, settings: repositories.settings, views: views
        )
        .register(on: api)
        ServiceDeskReportRoutes(
            reports: repositories.serviceDeskReports, settings: repositories.settings, views: views
        )
        .register(on: api)
        SLAReportRoutes(reports: repositories.slaReports, settings: repositories.settings, views: views)
            .register(on: api)
        SurveyReportRoutes(reports: repositories.surveyReports, settings: repositories.settings, views: views)
            .register(on: api)
        KBArticleRoutes(database: database, articles: repositories.articles).register(on: api)
        CannedReplyRoutes(replies: repositories.cannedReplies).register(on: api)
        SLAPolicyRoutes(policies: repositories.slaPolicies).register(on: api)
        PublicTicketRoutes(desk: SupportDesk(repositories)).register(on: api)
        AdminRoutes(database: database, repositories: repositories, passwords: passwords).register(on: api)
        CalendarRoutes(calendars: repositories.calendars).register(on: api)
        MailboxRoutes(mailboxes: repositories.mailboxes).register(on: api)
        MetaRoutes(
            database: database, metrics: metrics, openAPIDocument: try MetaRoutes.loadDocument(),
            loopbackMayScrape: configuration.trustedProxies.isEmpty
        )
        .register(on: router, api: api)
        let uploads = UploadFolder(
            UploadFolder.location(
                for: database.location,
                dataDirectory: configuration.dataDirectory),
            clock: database.clock)
        WebRoutes(
            database: database, repositories: repositories, authenticator: authenticator, passwords: passwords,
            configuration: configuration, views: views, uploads: uploads
        )
        .register(on: router)
        return router
    }
}
