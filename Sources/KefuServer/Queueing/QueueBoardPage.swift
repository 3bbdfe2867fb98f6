import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/board/{branch_id}` (issue 14 §6): the branch's display board, no login, on a device set up with the branch's
/// device key (`QueueDevice`), zh/en. In large type: the tickets being called with their counters, the last calls,
/// how many wait for each service, the staff's message line (`board_message` in the branch's queue settings) and,
/// rotating, the published help articles. It follows the branch's live updates (`/board/{branch_id}/events`, the
/// device key checked as on the page) and swaps its regions in on each; `app.js` chimes (a short Web Audio tone)
/// and highlights a new call.
struct QueueBoardPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "board/:branch", show)
        web.get(router, "board/:branch/events", events)
    }

    struct View {
        var events: String
        var message: String?
        var calls: [Call]
        var latest: String
        var recent: [Call]
        var waiting: [Waiting]
        var slides: [Slide]
        var hasSlides: Bool
    }

    struct Call {
        var number: String
        var counter: String
    }

    struct Waiting {
        var service: String
        var count: Int
    }

    struct Slide {
        var title: String
        var text: String
    }

    /// Help articles the board rotates through, and how much of each it shows.
    static let slideLimit = 10
    static let slideCharacters = 160

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        let branchID: UUID
        switch try await QueueDevice(web: web).admit(request, context, page: "board") {
        case .answered(let response): return response
        case .admitted(let admitted): branchID = admitted
        }
        let ui = web.views.ui(request, context)
        let language = ui.language.rawValue
        let state = try await web.repositories.queueTickets.state(of: branchID)
        let setup = try await web.repositories.queueSetup.setup(of: branchID)
        let services = try await web.repositories.queueSetup.services(of: branchID, activeOnly: false)
        let counters = Dictionary(uniqueKeysWithValues: state.counters.map { ($0.counter.id, $0.counter.name) })
        func call(_ ticket: QueueTicket) -> Call {
            Call(number: ticket.number, counter: ticket.counterID.flatMap { counters[$0] } ?? "")
        }
        let slides = try await web.repositories.articles.publishedIndex(limit: Self.slideLimit).map { article in
            let (title, body) = article.content.localized(chinese: ui.language == .zhHans)
            let text = HelpPages.paragraphs(body).first ?? ""
            return Slide(
                title: title,
                text: text.count > Self.slideCharacters ? String(text.prefix(Self.slideCharacters)) + "…" : text)
        }
        let model = View(
            events: request.uri.path + "/events", message: setup.boardMessage,
            calls: state.counters.compactMap { $0.current.flatMap { $0.status == .called ? call($0) : nil } },
            latest: state.lastCalled.map { "\($0.id.uuidString)-\($0.recalls)" } ?? "",
            recent: state.recentCalls.map(call),
            waiting: state.waiting.compactMap { waiting in
                services.first { $0.id == waiting.serviceID }.map {
                    Waiting(service: $0.name(in: language), count: waiting.total)
                }
            }, slides: slides, hasSlides: !slides.isEmpty)
        return SupportStatusPage.unlisted(
            ui.render("queue_board", title: ui.t("queue_public.board_title"), model: model))
    }

    /// The board's live updates: a `changed` event whenever the branch issues, calls or moves a ticket or changes its
    /// message line. A device without the key is refused as on the page.
    @Sendable func events(_ request: Request, context: KefuRequestContext) async throws -> Response {
        switch try await QueueDevice(web: web).admit(request, context, page: "board") {
        case .answered(let response): return response
        case .admitted(let branchID):
            return SupportStatusPage.unlisted(
                ServerSentEvents.response(
                    web.database.live, topic: QueueTicketRepository.liveTopic(branch: branchID)))
        }
    }
}
