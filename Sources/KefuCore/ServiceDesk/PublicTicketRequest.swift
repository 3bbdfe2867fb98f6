public import Foundation

/// What the public form and `POST /api/v1/public/tickets` send: who is asking, how to reach them, and the
/// question. Every key may be missing from the JSON, so validation can name every problem at once.
public struct PublicTicketRequest: Decodable, Sendable, Equatable {
    public var name: String
    public var phone: String?
    public var email: String?
    public var subject: String
    public var description: String
    /// The honeypot: hidden from people, filled in by bots that fill in every field.
    public var website: String?

    public init(
        name: String, phone: String? = nil, email: String? = nil, subject: String, description: String,
        website: String? = nil
    ) {
        self.name = name
        self.phone = phone
        self.email = email
        self.subject = subject
        self.description = description
        self.website = website
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        func text(_ key: String) throws -> String? { try c.decodeIfPresent(String.self, forKey: AnyCodingKey(key)) }
        self.init(
            name: try text("name") ?? "", phone: try text("phone"), email: try text("email"),
            subject: try text("subject") ?? "", description: try text("description") ?? "",
            website: try text("website"))
    }

    /// True when the honeypot is filled: the caller answers as if accepted and stores nothing.
    public var isFromBot: Bool { !(website ?? "").trimmingWhitespace().isEmpty }

    /// The customer's profile and the ticket, cleaned under the customer rules (phone in E.164, email lower-cased)
    /// — or every problem, each naming its JSON key: `name`, `phone`, `email` (one of the two is required),
    /// `subject`, `description` (required: it becomes the first message).
    public func validated(under rules: CustomerRules, now: Date) throws(ValidationFailure) -> PublicTicket {
        var profile = CustomerProfile()
        profile.name = name
        profile.phones = [phone ?? ""]
        profile.emails = [email ?? ""]
        profile.sourceChannel = TicketChannel.web.rawValue
        var errors: [FieldError] = []
        do throws(ValidationFailure) {
            profile = try profile.validated(under: rules)
        } catch {
            errors += error.errors.map { error in
                var out = error
                if error.field.hasPrefix("phones") { out.field = "phone" }
                if error.field.hasPrefix("emails") { out.field = "email" }
                return out
            }
        }
        if (phone ?? "").trimmingWhitespace().isEmpty, (email ?? "").trimmingWhitespace().isEmpty {
            for field in ["phone", "email"] {
                errors.append(
                    FieldError(
                        field: field, code: "contact_required", message: "Give a phone number or an email address."))
            }
        }
        var draft = TicketDraft(
            customerID: PublicTicket.customerToFind, type: PublicTicket.type, channel: .web, subject: subject,
            description: description)
        do throws(ValidationFailure) {
            draft = try draft.validated(now: now)
        } catch {
            errors += error.errors
        }
        if description.trimmingWhitespace().isEmpty {
            errors.append(FieldError(field: "description", code: "required", message: "Describe your question."))
        }
        guard errors.isEmpty else {
            let order = ["name", "phone", "email", "subject", "description"]
            throw ValidationFailure(
                errors.sorted { order.firstIndex(of: $0.field) ?? 9 < order.firstIndex(of: $1.field) ?? 9 })
        }
        return PublicTicket(profile: profile, draft: draft)
    }
}

/// A validated public request: the profile a new customer gets, and the ticket once its customer is known.
public struct PublicTicket: Sendable, Equatable {
    /// Name, the phone and email given (normalised), source channel `web`.
    public var profile: CustomerProfile
    private var draft: TicketDraft

    /// Customers choose no type: they would file everything as a complaint or as nothing. It starts as an inquiry
    /// and staff retype it when they triage.
    public static let type = TicketType.inquiry
    /// The draft's customer until the store has found or made them.
    static let customerToFind = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    init(profile: CustomerProfile, draft: TicketDraft) {
        self.profile = profile
        self.draft = draft
    }

    public var phone: String? { profile.phones.first }
    public var email: String? { profile.emails.first }
    /// The first message of the conversation, from the customer.
    public var description: String { draft.description }

    /// The validated ticket for the customer found by phone or email, or made from `profile`.
    public func draft(for customerID: UUID) -> TicketDraft {
        var out = draft
        out.customerID = customerID
        return out
    }
}
