import Foundation
import Testing

@Suite("kefu command line", .enabled(if: KefuCLI.built != nil))
struct CLITests {
    let cli = KefuCLI.built!

    @Test func userAddReadsThePasswordFromStdinAndChecksIt() throws {
        try withTemporaryDirectory { directory in
            let database = directory.appendingPathComponent("k.sqlite").path
            let added = try cli.run(
                [
                    "user", "add", "--email", "Boss@Example.com", "--name", "老板", "--role", "admin",
                    "--password-stdin", "--database", database,
                ], input: "a long secret phrase\n")
            #expect(added.status == 0, "\(added.stderr)")
            #expect(added.stdout.contains("boss@example.com"))
            let weak = try cli.run(
                [
                    "user", "add", "--email", "b@example.com", "--name", "B", "--role", "agent",
                    "--password-stdin", "--database", database,
                ], input: "1234567890\n")
            #expect(weak.status == 1)
            #expect(weak.stderr.split(separator: "\n").count == 1)
            let badRole = try cli.run(
                [
                    "user", "add", "--email", "c@example.com", "--name", "C", "--role", "boss",
                    "--password-stdin", "--database", database,
                ], input: "a long secret phrase\n")
            #expect(badRole.status == 2)
            #expect(badRole.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test func importReportsRowsAsJSONAndExportRoundTrips() throws {
        try withTemporaryDirectory { directory in
            let database = directory.appendingPathComponent("k.sqlite").path
            let csv = directory.appendingPathComponent("in.csv")
            try Data(
                """
                name,kind,phone,email,tier,tags
                王小明,person,13800138000,wang@example.com,VIP,车主;常客
                ,person,13900139000,,,
                华东物流,organization,021-12345678,,gold,
                李雷,person,12,,platinum,

                """.utf8
            ).write(to: csv)
            let dry = try cli.run([
                "import", "customers", csv.path, "--dry-run", "--format", "json", "--database", database,
            ])
            #expect(dry.status == 0, "\(dry.stderr)")
            let summary = try #require(try JSONSerialization.jsonObject(with: Data(dry.stdout.utf8)) as? [String: Any])
            #expect(summary["imported"] as? Int == 2)
            let rejected = try #require(summary["rejected"] as? [[String: Any]])
            #expect(rejected.map { $0["row"] as? Int } == [3, 5, 5])
            #expect(rejected.map { $0["column"] as? String } == ["name", "phone", "tier"])
            let export = directory.appendingPathComponent("out.csv")
            _ = try cli.run(["export", "customers", "--out", export.path, "--database", database])
            let emptyExport = try String(contentsOf: export, encoding: .utf8)
            #expect(emptyExport.split(whereSeparator: \.isNewline).count == 1, "dry run wrote nothing")
            let real = try cli.run(["import", "customers", csv.path, "--format", "json", "--database", database])
            #expect(real.status == 0)
            _ = try cli.run(["export", "customers", "--out", export.path, "--database", database])
            let copy = directory.appendingPathComponent("copy.sqlite").path
            let reimport = try cli.run(["import", "customers", export.path, "--format", "json", "--database", copy])
            let again = try #require(
                try JSONSerialization.jsonObject(with: Data(reimport.stdout.utf8)) as? [String: Any])
            #expect(again["imported"] as? Int == 2)
            #expect((again["rejected"] as? [Any])?.isEmpty == true)
            let second = directory.appendingPathComponent("second.csv")
            _ = try cli.run(["export", "customers", "--out", second.path, "--database", copy])
            #expect(try String(contentsOf: second, encoding: .utf8) == String(contentsOf: export, encoding: .utf8))
            let skip = try cli.run([
                "import", "customers", csv.path, "--on-duplicate", "skip", "--format", "json",
                "--database", database,
            ])
            let skipped = try #require(try JSONSerialization.jsonObject(with: Data(skip.stdout.utf8)) as? [String: Any])
            #expect(skipped["skipped"] as? Int == 2)
        }
    }

    @Test func importPurchasesReportsRowsAsJSONAndSkipsWhatIsStored() throws {
        try withTemporaryDirectory { directory in
            let database = directory.appendingPathComponent("k.sqlite").path
            let customers = directory.appendingPathComponent("customers.csv")
            try Data("name,phone,email\n王小明,13800138000,wang@example.com\n".utf8).write(to: customers)
            #expect(try cli.run(["import", "customers", customers.path, "--database", database]).status == 0)
            let csv = directory.appendingPathComponent("purchases.csv")
            try Data(
                """
                customer_phone,customer_email,purchased_at,total,source,external_ref,sku,name,quantity,unit_price
                138 0013 8000,,2026-03-01T10:00:00+08:00,128.50,pos,A1,LATTE,拿铁,2,32.00
                ,,,,pos,A1,CAKE,蛋糕,1,64.50
                13700000000,,2026-03-01,10,,,,,,
                ,wang@example.com,2026-03-02,abc,,,,,,

                """.utf8
            ).write(to: csv)
            func summary(_ arguments: [String]) throws -> [String: Any] {
                let result = try cli.run(["import", "purchases", csv.path] + arguments + ["--database", database])
                #expect(result.status == 0, "\(result.stderr)")
                return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            }
            let dry = try summary(["--dry-run", "--format", "json"])
            #expect(dry["imported"] as? Int == 1 && dry["skipped"] as? Int == 0)
            let rejected = try #require(dry["rejected"] as? [[String: Any]])
            #expect(rejected.map { $0["row"] as? Int } == [4, 5])
            #expect(rejected.map { $0["column"] as? String } == ["customer_phone", "total"])
            #expect(try summary(["--format", "json"])["imported"] as? Int == 1)
            let again = try summary(["--format", "json"])
            #expect(again["imported"] as? Int == 0 && again["skipped"] as? Int == 1)
            let text = try cli.run(["import", "purchases", csv.path, "--database", database])
            #expect(text.stdout.hasPrefix("Imported 0, skipped 1, rejected 2."))
            #expect(text.stdout.contains("  row 4, customer_phone: No customer has the phone +8613700000000."))
            let header = directory.appendingPathComponent("bad.csv")
            try Data("customer_wechat,purchased_at,total\nx,2026-03-01,1\n".utf8).write(to: header)
            let refused = try cli.run(["import", "purchases", header.path, "--database", database])
            #expect(refused.status == 1 && refused.stderr.contains("customer_wechat"))
        }
    }

    @Test func usageErrorsExitTwoAndFailuresExitOne() throws {
        try withTemporaryDirectory { directory in
            let database = directory.appendingPathComponent("k.sqlite").path
            let policy = try cli.run([
                "import", "customers", "x.csv", "--on-duplicate", "maybe", "--database", database,
            ])
            #expect(policy.status == 2)
            let missing = try cli.run([
                "import", "customers", directory.appendingPathComponent("none.csv").path,
                "--database", database,
            ])
            #expect(missing.status == 1)
            #expect(missing.stderr.hasPrefix("kefu: "))
            let unknown = directory.appendingPathComponent("bad.csv")
            try Data("name,shoe_size,hobby\nA,42,golf\n".utf8).write(to: unknown)
            let header = try cli.run(["import", "customers", unknown.path, "--database", database])
            #expect(header.status == 1)
            #expect(header.stderr.contains("shoe_size") && header.stderr.contains("hobby"))
            #expect(try cli.run(["frobnicate"]).status == 2)
            #expect(try cli.run(["--help"]).status == 0)
        }
    }

    /// A database that cannot be migrated is one line on stderr and exit 1 (a debug build used to
    /// trap on the connection pool left open).
    @Test func aFileThatIsNotADatabaseFailsWithOneLine() throws {
        try withTemporaryDirectory { directory in
            let database = directory.appendingPathComponent("notes.sqlite")
            try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: database)
            let migrated = try cli.run(["migrate", "--database", database.path])
            #expect(migrated.status == 1, "\(migrated.stderr)")
            #expect(migrated.stderr.hasPrefix("kefu: cannot open database"))
            #expect(migrated.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test func databaseComesFromTheEnvironmentWhenNotGiven() throws {
        try withTemporaryDirectory { directory in
            let database = directory.appendingPathComponent("env.sqlite").path
            let migrated = try cli.run(["migrate"], environment: ["KEFU_DATABASE_URL": database])
            #expect(migrated.status == 0)
            #expect(FileManager.default.fileExists(atPath: database))
        }
    }

    @Test func erlangCPrintsTheDocumentedKeys() throws {
        let result = try cli.run([
            "calc", "erlang-c", "--calls", "100", "--interval-seconds", "1800", "--aht-seconds", "180",
            "--target-seconds", "20", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for key in [
            "traffic_erlangs", "agents", "agents_with_shrinkage", "service_level", "occupancy",
            "waiting_probability", "asa_seconds",
        ] {
            #expect(json[key] != nil, "\(key)")
        }
    }
}
