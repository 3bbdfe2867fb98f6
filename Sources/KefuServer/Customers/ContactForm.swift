import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// The key-contact form's inputs as text.
struct ContactFormValues {
    var text: [String: String] = [:]

    static let inputs = [
        "name", "title", "phones", "emails", "interests", "habits", "topics_to_raise", "topics_to_avoid",
        "personality",
    ]

    subscript(_ name: String) -> String { text[name] ?? "" }

    init(_ c: KeyContactProfile) {
        text = [
            "name": c.name, "title": c.title ?? "", "phones": c.phones.joined(separator: "\n"),
            "emails": c.emails.joined(separator: "\n"), "interests": c.interests ?? "", "habits": c.habits ?? "",
            "topics_to_raise": c.topicsToRaise ?? "", "topics_to_avoid": c.topicsToAvoid ?? "",
            "personality": c.personality?.rawValue ?? "",
        ]
    }

    init(form: WebForm) {
        for name in Self.inputs { text[name] = form.raw(name) }
    }

    func profile() throws(ValidationFailure) -> KeyContactProfile {
        var c = KeyContactProfile()
        c.name = self["name"]
        c.title = self["title"]
        c.phones = WebForm.list(self["phones"])
        c.emails = WebForm.list(self["emails"])
        c.interests = self["interests"]
        c.habits = self["habits"]
        c.topicsToRaise = self["topics_to_raise"]
        c.topicsToAvoid = self["topics_to_avoid"]
        let personality = self["personality"].trimmingCharacters(in: .whitespaces)
        if !personality.isEmpty {
            guard let style = PersonalityStyle(rawValue: personality) else {
                throw ValidationFailure([FieldError(field: "personality", code: "invalid_choice", message: "")])
            }
            c.personality = style
        }
        return c
    }
}

/// The add/edit key-contact form; `prefix` keeps element ids unique when several are on the page.
struct ContactFormView {
    var action: String
    var prefix: String
    var hasErrors: Bool
    var general: [String]
    var name, title, phones, emails, interests, habits, topicsToRaise, topicsToAvoid: FieldView
    var personality: SelectView

    init(values: ContactFormValues, messages: FieldMessages, ui: WebUI, action: String, prefix: String) {
        self.action = action
        self.prefix = prefix
        hasErrors = !messages.isEmpty
        general = messages.general
        func field(_ name: String) -> FieldView { messages.field(name, value: values[name]) }
        (name, title, phones, emails) = (field("name"), field("title"), field("phones"), field("emails"))
        (interests, habits, topicsToRaise, topicsToAvoid) = (
            field("interests"), field("habits"), field("topics_to_raise"),
            field("topics_to_avoid")
        )
        personality = SelectView(
            options: ui.options(
                PersonalityStyle.allCases.map(\.rawValue), selected: values["personality"],
                label: { ui.t("personality." + $0) }, blank: ui.t("customer.not_set")),
            errors: messages.byInput["personality"] ?? [], invalid: messages.byInput["personality"] != nil)
    }
}
