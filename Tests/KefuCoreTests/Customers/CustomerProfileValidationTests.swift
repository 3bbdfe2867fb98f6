import Foundation
import KefuCore
import Testing

@Suite struct CustomerProfileValidationTests {
    let rules = CustomerRules(customFields: [
        CustomFieldDefinition(key: "car", label: "Car model", type: .text),
        CustomFieldDefinition(key: "visits", label: "Visits", type: .number),
        CustomFieldDefinition(key: "since", label: "Member since", type: .date),
        CustomFieldDefinition(key: "room", label: "Room", type: .choice, choices: ["quiet", "view"]),
    ])

    func profile(_ name: String = "王小明", _ change: (inout CustomerProfile) -> Void = { _ in })
        -> CustomerProfile
    {
        var profile = CustomerProfile()
        profile.name = name
        change(&profile)
        return profile
    }

    func fields(of profile: CustomerProfile) -> [String] {
        do {
            _ = try profile.validated(under: rules)
            return []
        } catch {
            return error.errors.map(\.field)
        }
    }

    @Test func appliesDefaultsAndTrims() throws {
        let valid = try profile("  王小明 ") {
            $0.address = "  "
            $0.remarks = " likes tea "
            $0.birthday = " "
        }.validated(under: rules)
        #expect(valid.name == "王小明")
        #expect(valid.tier == "standard")
        #expect(valid.address == nil)
        #expect(valid.remarks == "likes tea")
        #expect(valid.birthday == nil)
        #expect(valid.kind == .person && valid.stage == .new)
    }

    @Test func normalizesPhonesAndEmails() throws {
        let valid = try profile {
            $0.phones = ["138 0013 8000", "+8613800138000"]; $0.emails = ["X@Y.com"]
        }
        .validated(under: rules)
        #expect(valid.phones == ["+8613800138000"])
        #expect(valid.emails == ["x@y.com"])
    }

    @Test func matchesTierIgnoringCaseAndKeepsConfiguredSpelling() throws {
        #expect(try profile { $0.tier = "vip" }.validated(under: rules).tier == "VIP")
        #expect(try profile { $0.tier = " Gold " }.validated(under: rules).tier == "gold")
    }

    @Test func rejectsUnknownTier() {
        #expect(fields(of: profile { $0.tier = "platinum" }) == ["tier"])
    }

    @Test func rejectsEmptyAndOverlongNames() {
        #expect(fields(of: profile("  ")) == ["name"])
        #expect(fields(of: profile(String(repeating: "名", count: CustomerRules.maxNameLength + 1))) == ["name"])
    }

    @Test func deduplicatesTagsIgnoringCase() throws {
        let valid = try profile { $0.tags = [" VIP客户 ", "vip客户", "", "Golf", "golf", "茶"] }
            .validated(under: rules)
        #expect(valid.tags == ["VIP客户", "Golf", "茶"])
    }

    @Test func limitsTags() {
        #expect(fields(of: profile { $0.tags = (0...CustomerRules.maxTags).map { "t\($0)" } }) == ["tags"])
        #expect(
            fields(of: profile { $0.tags = [String(repeating: "x", count: CustomerRules.maxTagLength + 1)] })
                == ["tags"])
    }

    /// `;` separates tags in CSV files, so a tag holding one would not survive export and import.
    @Test func refusesSemicolonsInTags() {
        #expect(fields(of: profile { $0.tags = ["golf; tennis"] }) == ["tags"])
    }

    /// An empty text value is no value, as export (an empty cell) and import (absent) see it.
    @Test func trimsCustomTextAndDropsEmptyValues() throws {
        let valid = try profile {
            $0.customFields = [
                "car": .string("  "), "room": .string(" view "), "since": .string(""), "visits": .number(0),
            ]
        }.validated(under: rules)
        #expect(valid.customFields == ["room": .string("view"), "visits": .number(0)])
    }

    @Test func checksBirthday() throws {
        #expect(try profile { $0.birthday = "1990-02-28" }.validated(under: rules).birthday == "1990-02-28")
        #expect(fields(of: profile { $0.birthday = "1990-02-30" }) == ["birthday"])
        #expect(fields(of: profile { $0.birthday = "28/02/1990" }) == ["birthday"])
    }

    @Test func acceptsCustomFieldsOfEachType() throws {
        let values: [String: CustomFieldValue] = [
            "car": .string("Model Y"), "visits": .number(3), "since": .string("2020-05-01"), "room": .string("view"),
        ]
        #expect(try profile { $0.customFields = values }.validated(under: rules).customFields == values)
    }

    @Test func rejectsCustomFieldsOfTheWrongTypeOrUndefined() {
        let problems = fields(
            of: profile {
                $0.customFields = [
                    "car": .number(1), "visits": .string("many"), "since": .string("2020-13-01"),
                    "room": .string("garden"), "pet": .string("cat"),
                ]
            })
        #expect(
            problems == [
                "custom_fields.car", "custom_fields.pet", "custom_fields.room", "custom_fields.since",
                "custom_fields.visits",
            ])
    }

    @Test func limitsFreeText() {
        let long = String(repeating: "a", count: CustomerRules.maxTextLength + 1)
        #expect(
            fields(
                of: profile {
                    $0.remarks = long; $0.address = long
                }) == ["address", "remarks"])
    }

    @Test func reportsEveryErrorAtOnce() {
        let problems = fields(
            of: profile("") {
                $0.phones = ["123"]
                $0.emails = ["bad"]
                $0.tier = "nope"
                $0.birthday = "tomorrow"
            })
        #expect(problems == ["name", "phones[0]", "emails[0]", "tier", "birthday"])
    }

    @Test func errorsCarryStableCodesAndMessages() {
        #expect {
            try profile { $0.tier = "platinum" }.validated(under: rules)
        } throws: { error in
            let failure = error as? ValidationFailure
            return failure?.errors.first?.code == "unknown_tier"
                && failure?.errors.first?.message.contains("platinum") == true
        }
    }
}
