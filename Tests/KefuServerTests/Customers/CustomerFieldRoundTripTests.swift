import Foundation
import KefuCore
@testable import KefuServer
@testable import KefuStore
import KefuTestSupport
import Testing

/// Every field of `CustomerProfile.fields`, set alone, comes back unchanged through each format:
/// the API's JSON (both writers and the decoder), the stored text, a CSV export imported again and
/// the web form. A new field is covered by being in the list.
@Suite("Customer fields round trip")
struct CustomerFieldRoundTripTests {
    static let keys = CustomerProfile.fields.map(\.key)

    static func field(_ key: String) throws -> CustomerField {
        try #require(CustomerProfile.field(key: key))
    }

    @Test(arguments: keys) func json(key: String) throws {
        let field = try Self.field(key)
        let profile = CustomerProfile.sampling(field)
        #expect(try profile.validated(under: CustomerRules()) == profile)
        let encoded = try KefuJSON.encoder.encode(profile)
        #expect(try JSONDecoder().decode(CustomerProfile.self, from: encoded) == profile)
        let customer = Customer(
            id: UUID(), profile: profile, createdAt: Date(timeIntervalSince1970: 1_764_000_000),
            updatedAt: Date(timeIntervalSince1970: 1_764_000_001))
        #expect(try CustomerJSON.one(customer) == CustomerJSONTests.reference(customer))
        let object = try #require(JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect(object[field.group ?? field.key] != nil)
    }

    @Test(arguments: keys) func storedText(key: String) throws {
        let field = try Self.field(key)
        let profile = CustomerProfile.sampling(field)
        let text = try CustomerProfileJSON.encode(profile)
        #expect(text.contains("\"\(field.member)\":"))
        #expect(CustomerProfileJSON.decode(text) == profile)
        #expect(try StoreJSON.decode(CustomerProfile.self, from: text) == profile)
        // A default is left out of the stored text.
        var plain = profile
        field.set(field.defaultValue, in: &plain)
        if field.kind != .name { #expect(!(try CustomerProfileJSON.encode(plain)).contains("\"\(field.member)\":")) }
    }

    @Test(arguments: keys) func csv(key: String) throws {
        let field = try Self.field(key)
        let profile = CustomerProfile.sampling(field)
        var writer = CSV.Writer()
        writer.write(CustomerCSV.header(customFields: []))
        writer.write(
            CustomerCSV.row(
                for: profile, branchName: "总店", accountManagerEmail: "lin@example.cn", customFields: []))
        let parsed = CustomerCSV.Reader(rules: CustomerRules()).parse(text: writer.output)
        #expect(parsed.errors == [])
        let row = try #require(parsed.rows.first)
        #expect(row.branchName == "总店")
        #expect(row.accountManagerEmail == "lin@example.cn")
        var expected = profile
        // A file names the branch and the account manager's email; the importer finds their ids.
        expected.branchID = nil
        expected.accountManagerID = nil
        #expect(row.profile == expected)
    }

    @Test(arguments: keys) func webForm(key: String) throws {
        let field = try Self.field(key)
        let profile = CustomerProfile.sampling(field)
        let shown = CustomerFormValues(profile)
        var pairs = shown.text.map { (name: $0.key, value: $0.value) }
        pairs += shown.checked.map { (name: $0, value: "1") }
        let posted = CustomerFormValues(form: WebForm(pairs: pairs))
        let settings = BusinessSettings()
        #expect(try posted.profile(settings: settings).validated(under: settings.customerRules) == profile)
        let views = try WebViews.load()
        let ui = WebUI(
            views: views, language: .en, strings: try #require(views.strings[.en]), path: "/customers/new",
            query: nil, identity: nil)
        let view = CustomerFormView(
            values: shown, messages: FieldMessages([], ui: ui), settings: settings, branches: [], staff: [], ui: ui,
            action: "/customers/new", cancelURL: "/customers")
        let layout = ui.layout(title: "")
        let html = try #require(
            views.library.render(
                WebUI.Page(t: layout.t, csrf: "", layout: layout, page: view), withTemplate: "customer_form"))
        #expect(html.contains("name=\"\(field.input)\""))
    }

    /// Each field's label, and each choice's, is in every locale.
    @Test(arguments: keys) func labels(key: String) throws {
        let field = try Self.field(key)
        let views = try WebViews.load()
        for language in Language.allCases {
            let strings = try #require(views.strings[language])
            #expect(strings.has(field.label), "\(language): \(field.label)")
            if let group = field.group { #expect(strings.has("customer." + group)) }
            for value in field.choice?.values ?? [] {
                #expect(strings.has(field.key + "." + value), "\(language): \(field.key).\(value)")
            }
        }
    }

    /// The served OpenAPI document lists the field in the customer schema and the patch schema.
    @Test(arguments: keys) func openAPI(key: String) throws {
        let field = try Self.field(key)
        let document = try MetaRoutes.loadDocument()
        #expect(!document.contains("# customer fields:"))
        let property = "\n        \(field.group ?? field.key):\n"
        let customer = try #require(Self.section(of: document, from: "    Customer:", to: "    CustomerPatch:"))
        let patch = try #require(Self.section(of: document, from: "    CustomerPatch:", to: "    CustomerInput:"))
        #expect(customer.contains(property) && patch.contains(property))
        #expect(customer.contains("\n        - \(field.group ?? field.key)\n"))
    }

    static func section(of document: String, from start: String, to end: String) -> Substring? {
        guard let lower = document.range(of: "\n" + start + "\n"), let upper = document.range(of: "\n" + end + "\n")
        else { return nil }
        return document[lower.upperBound..<upper.lowerBound]
    }
}
