import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// The server-rendered web UI. Page routes (a contract, like the API's): `/login`, `/logout`,
/// `/customers`, `/customers/new`, `/customers/{id}`, `/customers/{id}/edit`, `/import`, `/tickets`,
/// `/tickets/new`, `/tickets/{id}` (its status link: POST `/tickets/{id}/status-link`), `/remedies`,
/// `/reports/service-desk`, `/reports/cross-sell`, `/reports/promotions`, the queue's counter console `/queue` and simulator `/queue/simulator`, `/admin/queue`, `/admin/users`, `/admin/branches`, `/admin/mailboxes`, `/admin/settings`, `/admin/sla-policies`,
/// `/admin/audit`,
/// `/kb`, `/kb/new`, `/kb/{id}/edit`, `/canned-replies`, `/notifications`, `/surveys`, `/surveys/{id}` (its
/// invitations: POST `/surveys/{id}/invite`, and from a ticket POST `/tickets/{id}/survey`; campaigns: POST
/// `/surveys/{id}/campaigns`); every one but `/login`
/// sends logged-out visitors to `/login`. The customers' public pages — `/support/new`,
/// `/support/t/{token}`, the FAQ `/help`, `/help/{id}`, the survey page `/s/{token}` and the queue's `/q/{token}`,
/// `/join/{branch_id}` and, on a device with the branch's key, `/kiosk/{branch_id}` and `/board/{branch_id}` — need
/// no login and have their own layout. Forms post back to the page they are on or to a sub-path of it, as each page file lists;
/// every POST checks the session's CSRF token (the login and public pages a double-submit cookie's).
struct WebRoutes: Sendable {
    let database: KefuDatabase
    let repositories: Repositories
    let authenticator: Authenticator
    let passwords: Passwords
    let configuration: ServerConfiguration
    let views: WebViews
    /// Where uploaded import files wait between preview and commit.
    let uploads: UploadFolder

    init(
        database: KefuDatabase, repositories: Repositories, authenticator: Authenticator, passwords: Passwords,
        configuration: ServerConfiguration, views: WebViews, uploads: UploadFolder
    ) {
        self.database = database
        self.repositories = repositories
        self.authenticator = authenticator
        self.passwords = passwords
        self.configuration = configuration
        self.views = views
        self.uploads = uploads
    }

    typealias Handler = @Sendable (Request, KefuRequestContext) async throws -> Response

    func register(on router: Router<KefuRequestContext>) {
        LoginPages(web: self).register(on: router)
        CustomerListPage(web: self).register(on: router)
        CustomerFormPage(web: self).register(on: router)
        CustomerPage(web: self).register(on: router)
        ImportPage(web: self).register(on: router)
        TicketListPage(web: self).register(on: router)
        TicketFormPage(web: self).register(on: router)
        TicketPage(web: self).register(on: router)
        RemedyApprovalsPage(web: self).register(on: router)
        FollowUpsPage(web: self).register(on: router)
        FollowUpReportPage(web: self).register(on: router)
        FollowUpPlansPage(web: self).register(on: router)
        SurveysPage(web: self).register(on: router)
        SurveyPage(web: self).register(on: router)
        SurveyCampaignPage(web: self, page: SurveyPage(web: self)).register(on: router)
        SurveyInvitePage(web: self).register(on: router)
        AdminUsersPage(web: self).register(on: router)
        AdminBranchesPage(web: self).register(on: router)
        AdminMailboxesPage(web: self).register(on: router)
        AdminSettingsPage(web: self).register(on: router)
        AdminCalendarPage(web: self).register(on: router)
        AdminSLAPoliciesPage(web: self).register(on: router)
        AdminAuditPage(web: self).register(on: router)
        NotificationsPage(web: self).register(on: router)
        ServiceDeskReportsPage(web: self).register(on: router)
        SLAReportsPage(web: self).register(on: router)
        SurveyReportsPage(web: self).register(on: router)
        CrossSellPage(web: self).register(on: router)
        PromotionEffectPage(web: self).register(on: router)
        MemberPages(web: self).register(on: router)
        PromotionsPage(web: self).register(on: router)
        MemberCardPage(web: self).register(on: router)
        QueueStatusPage(web: self).register(on: router)
        QueueKioskPage(web: self).register(on: router)
        QueueJoinPage(web: self).register(on: router)
        QueueBoardPage(web: self).register(on: router)
        QueueConsolePage(web: self).register(on: router)
        AdminQueuePage(web: self).register(on: router)
        QueueSimulatorPage(web: self).register(on: router)
        QueueReportsPage(web: self).register(on: router)
        KBListPage(web: self).register(on: router)
        KBArticleFormPage(web: self).register(on: router)
        CannedRepliesPage(web: self).register(on: router)
        HelpPages(web: self).register(on: router)
        SupportFormPage(web: self, desk: SupportDesk(repositories)).register(on: router)
        SupportStatusPage(web: self, desk: SupportDesk(repositories)).register(on: router)
        SurveyAnswerPage(web: self).register(on: router)
        TicketStatusLinkPage(web: self).register(on: router)
        router.get("static/:file") { _, context in
            guard let name = context.parameters.get("file"), let file = views.staticFiles[name] else {
                throw Problem.notFound()
            }
            return Response(
                status: .ok, headers: [.contentType: file.contentType, .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
        }
    }

    func get(_ router: Router<KefuRequestContext>, _ path: RouterPath, _ handler: @escaping Handler) {
        router.get(path) { request, context in await respond(handler, request, context) }
    }

    func post(_ router: Router<KefuRequestContext>, _ path: RouterPath, _ handler: @escaping Handler) {
        router.post(path) { request, context in await respond(handler, request, context) }
    }

    /// Errors become pages here, where the caller is known, so the error page shows their navigation; the
    /// header's unread count is read here too, once for every page.
    private func respond(_ handler: Handler, _ request: Request, _ context: KefuRequestContext) async -> Response {
        var context = context
        do {
            if let user = context.identity?.user {
                context.unreadNotifications = try await repositories.notifications.unreadCount(for: user.id)
            }
            return try await handler(request, context)
        } catch {
            return WebErrorPages(views: views).response(for: error, request: request, context: context)
        }
    }

    /// 303 to `path` with a flash message key for the page it lands on.
    static func redirect(_ path: String, flash: String? = nil) -> Response {
        let separator = path.contains("?") ? "&" : "?"
        return .redirect(to: flash.map { path + separator + "flash=" + $0 } ?? path, type: .normal)
    }
}
