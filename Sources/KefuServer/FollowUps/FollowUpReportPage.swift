import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/follow-ups/report` (manager+): how follow-ups go — the completion rate (of the tasks due by today that were
/// not cancelled, the share done), the outcomes of the done ones, and both per person (with what each has
/// overdue) and per plan. Each person's name links to their list on `/follow-ups`.
struct FollowUpReportPage {
    let web: WebRoutes

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "follow-ups/report", show)
    }

    struct PageView {
        var total: Line
        var people: [Line]
        var plans: [Line]
        var empty: Bool
    }

    /// One row of figures: a person, a plan, or everything.
    struct Line {
        var name: String
        var url: String?
        var dueByToday: Int
        var done: Int
        var completion: String
        var satisfied: Int
        var neutral: Int
        var issueFound: Int
        var unreachable: Int
        var overdue: Int
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let ui = web.views.ui(request, context)
        let settings = try await web.repositories.settings.get()
        let today = CalendarDay(context.clock.now(), in: settings.zone)
        let tasks = web.repositories.followUps
        let byToday = try await tasks.counts(.init(dueBefore: today.adding(days: 1)))
        let overdue = try await tasks.counts(.init(status: .due, dueBefore: today))
        let labels = try await TicketLabels.load(ui: ui, users: web.repositories.users)
        let plans = try await FollowUpPlanNames.load(Set(byToday.compactMap(\.planID)), web.repositories.followUpPlans)
        func line(_ name: String, url: String? = nil, _ keep: (FollowUpRepository.Count) -> Bool) -> Line {
            let mine = byToday.filter(keep)
            func sum(_ rows: [FollowUpRepository.Count]) -> Int { rows.reduce(0) { $0 + $1.tasks } }
            let counted = sum(mine.filter { $0.status != .cancelled })
            let done = sum(mine.filter { $0.status == .done })
            return Line(
                name: name, url: url, dueByToday: counted, done: done,
                completion: counted == 0 ? "—" : "\(Int((Double(done) * 100 / Double(counted)).rounded())) %",
                satisfied: sum(mine.filter { $0.outcome == .satisfied }),
                neutral: sum(mine.filter { $0.outcome == .neutral }),
                issueFound: sum(mine.filter { $0.outcome == .issueFound }),
                unreachable: sum(mine.filter { $0.status == .unreachable }), overdue: sum(overdue.filter(keep)))
        }
        let people = Set(byToday.map(\.assigneeID)).sorted { labels.person($0) < labels.person($1) }.map { id in
            line(
                id == nil ? ui.t("follow_up.unassigned") : labels.person(id),
                url: id.map { "/follow-ups?assignee_id=\($0.uuidString)" }, { $0.assigneeID == id })
        }
        let planLines = Set(byToday.map(\.planID)).sorted { (plans[$0 ?? UUID()] ?? "") < (plans[$1 ?? UUID()] ?? "") }
            .map { id in
                line(id.flatMap { plans[$0] } ?? ui.t("follow_up.no_plan"), { $0.planID == id })
            }
        let model = PageView(
            total: line(ui.t("follow_up.all"), { _ in true }), people: people, plans: planLines,
            empty: byToday.isEmpty)
        return ui.render("follow_up_report", title: ui.t("follow_up.report"), model: model, flash: ui.flash(request))
    }
}
