import Foundation
import HTTPTypes
import Hummingbird
import KefuCore
import Mustache

/// Renders pages for one request inside the one layout.
struct WebUI {
    let views: WebViews
    let language: Language
    let strings: StringTable
    let path: String
    let query: String?
    let identity: Identity?
    var unreadNotifications = 0

    func t(_ key: String, _ values: [String: String] = [:]) -> String { strings(key, values) }

    /// The role-dependent navigation and the language switch of the layout.
    struct Layout {
        var t: StringNode
        var lang: String
        var title: String
        var csrf: String
        var user: UserView?
        var nav: [NavLink]
        var languages: [NavLink]
        var flash: String?
    }

    struct UserView {
        var name: String
        var email: String
        var role: String
        /// The unread notifications shown in the header; nil when none.
        var unread: Int?
    }

    struct NavLink {
        var href: String
        var label: String
        var current: Bool
        var code = ""
    }

    /// The layout's values with the page's model under `page`; `t` and `csrf` sit at the top too,
    /// so page templates reach them from inside `{{#page}}`.
    struct Page<Model> {
        var t: StringNode
        var csrf: String
        var layout: Layout
        var page: Model
    }

    var csrf: String { identity?.csrfToken ?? "" }
    var role: Role? { identity?.user.role }

    func can(_ required: Role) -> Bool { role?.includes(required) ?? false }

    func layout(title: String, flash: String? = nil) -> Layout {
        var nav: [NavLink] = []
        if identity != nil {
            nav.append(link("/customers", "nav.customers"))
            nav.append(link("/tickets", "nav.tickets"))
            nav.append(link("/follow-ups", "nav.follow_ups"))
            nav.append(link("/surveys", "nav.surveys"))
            nav.append(link("/loyalty/members", "nav.loyalty"))
            nav.append(link("/promotions", "nav.promotions"))
            nav.append(link("/queue", "nav.queue"))
            if can(.manager) { nav.append(link("/remedies", "nav.approvals")) }
            nav += [link("/kb", "nav.kb"), link("/canned-replies", "nav.canned_replies")]
            if can(.manager) { nav.append(link("/import", "nav.import")) }
            if can(.manager) {
                nav += [
                    link("/reports/service-desk", "nav.reports"), link("/reports/sla", "nav.sla_reports"),
                    link("/reports/surveys", "nav.survey_reports"), link("/reports/cross-sell", "nav.cross_sell"),
                    link("/reports/promotions", "nav.promotion_effects"), link("/queue/reports", "nav.queue_reports"),
                    link("/queue/simulator", "nav.queue_simulator"),
                ]
            }
            if can(.admin) {
                nav += [
                    link("/admin/users", "nav.users"), link("/admin/branches", "nav.branches"),
                    link("/admin/queue", "nav.queue_setup"),
                    link("/admin/mailboxes", "nav.mailboxes"),
                    link("/admin/calendar", "nav.calendar"),
                    link("/admin/settings", "nav.settings"), link("/admin/sla-policies", "nav.sla_policies"),
                    link("/admin/audit", "nav.audit"),
                ]
            }
        }
        // The page's own item is the longest link it lies under: /queue/simulator is not also /queue.
        let under = nav.indices.filter { path == nav[$0].href || path.hasPrefix(nav[$0].href + "/") }
        if let own = under.max(by: { nav[$0].href.count < nav[$1].href.count }) { nav[own].current = true }
        let back = path + (query.map { "?" + $0 } ?? "")
        let languages = Language.allCases.filter { $0 != language }.map { other in
            NavLink(
                href: "/lang?to=\(other.rawValue)&back=\(WebForm.encode(back))",
                label: views.strings[other]?("language.name") ?? other.rawValue, current: false, code: other.rawValue)
        }
        return Layout(
            t: StringNode(table: strings, key: ""), lang: language.rawValue, title: title, csrf: csrf,
            user: identity.map {
                UserView(
                    name: $0.user.name, email: $0.user.email, role: t("role." + $0.user.role.rawValue),
                    unread: unreadNotifications > 0 ? unreadNotifications : nil)
            },
            nav: nav, languages: languages, flash: flash)
    }

    private func link(_ href: String, _ key: String) -> NavLink {
        NavLink(href: href, label: t(key), current: false)
    }

    /// Renders `template` (a page that extends `layout`) as an HTML response.
    func render<Model>(
        _ template: String, title: String, model: Model, status: HTTPResponse.Status = .ok,
        flash: String? = nil
    ) -> Response {
        let layout = layout(title: title, flash: flash)
        let html =
            views.library.render(Page(t: layout.t, csrf: csrf, layout: layout, page: model), withTemplate: template)
            ?? "template \(template) missing"
        return Self.html(html, status: status)
    }

    static func html(_ html: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                .contentSecurityPolicy: "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The flash message named by `?flash=` after a redirect, when it is one of ours.
    func flash(_ request: Request) -> String? {
        guard let key = request.query("flash"), strings.has("flash." + key) else { return nil }
        return t("flash." + key)
    }

    /// A time in the business's time zone, `yyyy-MM-dd HH:mm`.
    func formatter(timeZone: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: timeZone) ?? .gmt
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter
    }

    /// `<option>`s for a select, with `selected` on the current value.
    func options(_ values: [String], selected: String?, label: (String) -> String, blank: String? = nil) -> [Option] {
        (blank.map { [Option(value: "", label: $0, selected: (selected ?? "").isEmpty)] } ?? [])
            + values.map { Option(value: $0, label: label($0), selected: $0 == selected) }
    }
}

// swift-mustache finds a key through `Mirror`, reflecting every field of every enclosing model in
// turn: a list row's `{{t.…}}` labels are looked for in the row, then the page's model, then the
// page. That was 80 % of the customer list's CPU at 50 rows. The shared models answer by name.
extension WebUI.Page: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "t": t
        case "csrf": csrf
        case "layout": layout
        case "page": page
        default: nil
        }
    }
}

extension WebUI.Layout: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "t": t
        case "lang": lang
        case "title": title
        case "csrf": csrf
        case "user": user
        case "nav": nav
        case "languages": languages
        case "flash": flash
        default: nil
        }
    }
}

extension WebUI.UserView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "email": email
        case "role": role
        case "unread": unread
        default: nil
        }
    }
}

extension WebUI.NavLink: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "href": href
        case "label": label
        case "current": current
        case "code": code
        default: nil
        }
    }
}
