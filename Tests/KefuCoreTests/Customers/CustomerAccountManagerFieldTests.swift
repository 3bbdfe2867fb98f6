import Foundation
import KefuCore
import Testing

/// `account_manager_id`: a relationship field holding a staff user's id in JSON (a UUID or null) and the
/// user's email in CSV files.
@Suite struct CustomerAccountManagerFieldTests {
    let manager = UUID(uuidString: "0193A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5C")!

    @Test func isARelationshipFieldForAStaffUser() throws {
        let field = try #require(CustomerProfile.field(key: "account_manager_id"))
        #expect(field.kind == .staffUser && field.section == .relationship)
        #expect(field.column == "account_manager" && field.merge == .fillEmpty)
        #expect(field.defaultValue == .text(nil))
    }

    @Test func jsonHoldsAUUIDOrNull() throws {
        var managed = CustomerProfile()
        managed.name = "王小明"
        managed.accountManagerID = manager
        let object = try #require(
            JSONSerialization.jsonObject(with: try JSONEncoder().encode(managed)) as? [String: Any])
        #expect((object["account_manager_id"] as? String)?.uppercased() == manager.uuidString)
        #expect(try JSONDecoder().decode(CustomerProfile.self, from: try JSONEncoder().encode(managed)) == managed)
        let cleared = try JSONDecoder().decode(
            CustomerProfile.self, from: Data(#"{"name": "王小明", "account_manager_id": null}"#.utf8))
        #expect(cleared.accountManagerID == nil)
        #expect(
            throws: DecodingError.self,
            performing: {
                try JSONDecoder().decode(
                    CustomerProfile.self, from: Data(#"{"name": "王小明", "account_manager_id": "lin"}"#.utf8))
            })
    }

    @Test func csvNamesTheManagerByEmail() throws {
        let parsed = CustomerCSV.Reader(rules: CustomerRules()).parse(
            text: "name,account_manager\n王小明, Lin@Example.CN \n李雷,\n韩梅梅,lin\n")
        #expect(parsed.rows.map(\.accountManagerEmail) == ["lin@example.cn", nil])
        #expect(parsed.rows.allSatisfy { $0.profile.accountManagerID == nil })
        #expect(parsed.errors.map { "\($0.row) \($0.column)" } == ["4 account_manager"])

        var managed = CustomerProfile()
        managed.name = "王小明"
        managed.accountManagerID = manager
        let header = CustomerCSV.header(customFields: [])
        let cells = CustomerCSV.row(
            for: managed, branchName: nil, accountManagerEmail: "lin@example.cn", customFields: [])
        let column = try #require(header.firstIndex(of: "account_manager"))
        #expect(cells[column] == "lin@example.cn")
    }

    @Test func mergeKeepsTheSurvivorsElseTakesTheDuplicates() {
        var survivor = CustomerProfile()
        survivor.name = "A"
        var duplicate = survivor
        duplicate.accountManagerID = manager
        #expect(CustomerMerge.combine(survivor: survivor, duplicate: duplicate).accountManagerID == manager)
        let own = UUID()
        survivor.accountManagerID = own
        #expect(CustomerMerge.combine(survivor: survivor, duplicate: duplicate).accountManagerID == own)
    }
}
