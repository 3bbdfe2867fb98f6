import Foundation
import KefuCore
import Testing

@Suite struct CustomerCSVExportTests {
    let customFields = [
        CustomFieldDefinition(key: "car", label: "Car model", type: .text),
        CustomFieldDefinition(key: "visits", label: "Visits", type: .number),
        CustomFieldDefinition(key: "since", label: "Member since", type: .date),
        CustomFieldDefinition(key: "room", label: "Room", type: .choice, choices: ["quiet", "view"]),
    ]

    @Test func headerListsStandardThenCustomColumns() {
        #expect(
            CustomerCSV.header(customFields: customFields) == [
                "name", "kind", "phone", "email", "tier", "tags", "stage", "personality", "gender", "birthday",
                "address",
                "organization", "external_id", "branch", "account_manager", "source_channel", "internal", "department",
                "consent_phone", "consent_sms",
                "consent_email", "consent_wechat", "remarks", "custom.car", "custom.visits", "custom.since",
                "custom.room",
            ])
    }

    @Test func writesListsFlagsEnumsAndNumbers() {
        var profile = CustomerProfile()
        profile.name = "王小明"
        profile.phones = ["+8613800138000", "+861012345678"]
        profile.tags = ["a", "b"]
        profile.stage = .atRisk
        profile.consent.sms = true
        profile.customFields = ["visits": .number(3), "pet": .string("cat")]
        let row = CustomerCSV.row(
            for: profile, branchName: "上海店", accountManagerEmail: "lin@example.com", customFields: customFields)
        let cells = Dictionary(uniqueKeysWithValues: zip(CustomerCSV.header(customFields: customFields), row))
        // A leading + would make a spreadsheet read a formula (CSV.protectFormula).
        #expect(cells["phone"] == "'+8613800138000;+861012345678")
        #expect(cells["tags"] == "a;b")
        #expect(cells["stage"] == "at_risk")
        #expect(cells["personality"] == "")
        #expect(cells["consent_sms"] == "true" && cells["consent_phone"] == "false" && cells["internal"] == "false")
        #expect(cells["branch"] == "上海店" && cells["account_manager"] == "lin@example.com")
        #expect(cells["custom.visits"] == "3" && cells["custom.car"] == "")
        #expect(row.count == 27)
    }

    @Test func exportThenImportReproducesProfiles() throws {
        let rules = CustomerRules(tiers: ["VIP", "gold", "standard"], customFields: customFields)
        var organization = CustomerProfile()
        organization.kind = .organization
        organization.name = "Acme, \"the best\" 有限公司"
        organization.phones = ["+861012345678", "+14155552671"]
        organization.emails = ["info@acme.cn", "boss@acme.cn"]
        organization.address = "北京市朝阳区\n建国路 1 号"
        organization.birthday = "2001-09-30"
        organization.gender = .other
        organization.tier = "VIP"
        organization.stage = .loyal
        organization.personality = .tiger
        organization.tags = ["大客户", "tea"]
        organization.sourceChannel = "referral"
        organization.consent = Consent(phone: true, sms: false, email: true, wechat: true)
        organization.isInternal = true
        organization.department = "Procurement"
        organization.organization = "Acme Holdings"
        organization.remarks = "=SUM(A1)\r\nsecond line, with comma"
        organization.customFields = [
            "car": .string("  spaced  "), "visits": .number(2.5), "since": .string("2020-05-01"),
            "room": .string("quiet"),
        ]
        var person = CustomerProfile()
        person.name = "王小明"
        person.customFields = ["visits": .number(-12)]
        let originals = try [organization, person].map { try $0.validated(under: rules) }
        let branches = ["上海店", nil]

        var writer = CSV.Writer()
        writer.write(CustomerCSV.header(customFields: customFields))
        for (profile, branch) in zip(originals, branches) {
            writer.write(CustomerCSV.row(for: profile, branchName: branch, customFields: customFields))
        }
        let parsed = CustomerCSV.Reader(rules: rules).parse(text: writer.output)

        #expect(parsed.errors == [])
        #expect(parsed.rows.map(\.profile) == originals)
        #expect(parsed.rows.map(\.branchName) == branches)
        // The first record spans three lines: its address and remarks each hold a line break.
        #expect(parsed.rows.map(\.line) == [2, 5])
    }
}
