import Foundation
import KefuCore
import KefuStore
import KefuTestSupport
import Testing

/// Exports must not hand spreadsheets live formulas, and must still import back exactly.
@Suite("Customer export: formula cells")
struct CustomerExportFormulaTests {
    @Test(arguments: Engine.available)
    func formulaCellsAreProtectedInTheExportAndImportBackExactly(engine: Engine) async throws {
        let names = [
            "=HYPERLINK(\"http://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)",
            "'=already quoted", "O'Brien",
        ]
        let remarks = ["\tTabbed", "\rReturn", "-1", "=1+1", "", "'@x"]
        var csv = ""
        var exported: [CustomerProfile] = []
        try await withDatabase(engine) { database in
            let repository = CustomerRepository(database)
            for (index, name) in names.enumerated() {
                var profile = CustomerProfile()
                profile.name = name
                profile.phones = index == 0 ? ["+8613800138000"] : []
                profile.remarks = remarks[index].isEmpty ? nil : remarks[index]
                _ = try await repository.create(profile, by: tester)
            }
            exported = try await repository.list(CustomerQuery()).items.map(\.profile)
            try await CustomerExport(database).run { csv += $0 }
        }
        let rows = try CSV.records(in: csv).dropFirst().map(\.fields)
        for row in rows {
            for cell in row {
                let first = cell.unicodeScalars.first.map(Character.init)
                #expect(
                    !["=", "+", "-", "@", "\t", "\r"].contains(first), "live formula cell \(cell.debugDescription)")
            }
        }
        #expect(rows.contains { $0.contains("'+8613800138000") })
        try await withDatabase(engine) { database in
            let summary = try await CustomerImport(database).run(
                bytes: Array(csv.utf8), onDuplicate: .reject,
                dryRun: false, by: tester)
            #expect(summary.imported == names.count && summary.rejected.isEmpty)
            let imported = try await CustomerRepository(database).list(CustomerQuery()).items.map(\.profile)
            #expect(imported.sorted { $0.name < $1.name } == exported.sorted { $0.name < $1.name })
            #expect(imported.first { $0.name == names[0] }?.phones == ["+8613800138000"])
        }
    }
}
