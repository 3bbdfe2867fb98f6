import Foundation
import KefuCore
import Testing

@Suite struct CustomerCSVTests {
    let rules = CustomerRules(customFields: [
        CustomFieldDefinition(key: "car", label: "Car model", type: .text),
        CustomFieldDefinition(key: "visits", label: "Visits", type: .number),
        CustomFieldDefinition(key: "since", label: "Member since", type: .date),
        CustomFieldDefinition(key: "room", label: "Room", type: .choice, choices: ["quiet", "view"]),
    ])

    func parse(_ text: String) -> CustomerCSV.Parsed {
        CustomerCSV.Reader(rules: rules).parse(text: text)
    }

    @Test func readsAMinimalFileWithDefaults() throws {
        let parsed = parse("name\n王小明\n")
        #expect(parsed.errors.isEmpty)
        let row = try #require(parsed.rows.first)
        #expect(row.line == 2)
        #expect(row.branchName == nil)
        #expect(row.profile.name == "王小明")
        #expect(row.profile.kind == .person && row.profile.stage == .new && row.profile.tier == "standard")
        #expect(!row.profile.isInternal && row.profile.consent == Consent())
    }

    @Test func readsEveryColumnInAnyOrderAndCase() throws {
        let header =
            " Remarks ,NAME,Kind,phone,email,tier,tags,stage,personality,gender,birthday,address,organization,"
            + "branch,source_channel,internal,department,consent_phone,consent_sms,consent_email,consent_wechat,"
            + "custom.car,Custom.Visits,custom.since,custom.room"
        let row =
            "\"likes tea,\nno calls after 8\",Acme 有限公司,organization,\"13800138000; 010-12345678\","
            + "Info@Acme.cn;boss@acme.cn,vip,大客户；golf;golf,at-risk,Owl,other,1990-02-28,北京市朝阳区,Acme Group,"
            + "上海店,wechat,是,Sales,yes,1,TRUE,否,Model Y,3,2020-05-01,view"
        let parsed = parse(header + "\n" + row + "\n")
        #expect(parsed.errors == [])
        let got = try #require(parsed.rows.first)
        #expect(got.line == 2)
        #expect(got.branchName == "上海店")
        let p = got.profile
        #expect(p.name == "Acme 有限公司")
        #expect(p.kind == .organization)
        #expect(p.phones == ["+8613800138000", "+861012345678"])
        #expect(p.emails == ["info@acme.cn", "boss@acme.cn"])
        #expect(p.tier == "VIP")
        #expect(p.tags == ["大客户", "golf"])
        #expect(p.stage == .atRisk)
        #expect(p.personality == .owl)
        #expect(p.gender == .other)
        #expect(p.birthday == "1990-02-28")
        #expect(p.address == "北京市朝阳区")
        #expect(p.organization == "Acme Group")
        #expect(p.sourceChannel == "wechat")
        #expect(p.isInternal && p.department == "Sales")
        #expect(p.consent == Consent(phone: true, sms: true, email: true, wechat: false))
        #expect(p.remarks == "likes tea,\nno calls after 8")
        #expect(
            p.customFields == [
                "car": .string("Model Y"), "visits": .number(3), "since": .string("2020-05-01"),
                "room": .string("view"),
            ])
    }

    @Test func rejectsUnknownColumnsInOneHeaderError() {
        let parsed = parse("name,Phone Number,wechat_id,custom.pet\n王小明,1,2,3\n")
        #expect(parsed.rows.isEmpty)
        #expect(parsed.errors.count == 1)
        let error = parsed.errors[0]
        #expect(error.row == 1)
        #expect(error.column == "Phone Number, wechat_id, custom.pet")
        for name in ["\"Phone Number\"", "\"wechat_id\"", "\"custom.pet\""] { #expect(error.reason.contains(name)) }
    }

    @Test func rejectsDuplicatedAndMissingColumns() {
        #expect(
            parse("name,phone,PHONE\nx,1,2\n").errors
                == [CSV.RowError(row: 1, column: "phone", reason: "Column \"phone\" appears more than once.")])
        let missing = parse("phone,email\n13800138000,a@b.cn\n")
        #expect(missing.rows.isEmpty)
        #expect(missing.errors.map(\.column) == ["name"])
        #expect(missing.errors.map(\.row) == [1])
    }

    @Test func rejectsAnEmptyFile() {
        #expect(parse("").errors.map(\.row) == [1])
        #expect(CustomerCSV.Reader(rules: rules).parse(utf8: [0xEF, 0xBB, 0xBF]).errors.count == 1)
    }

    @Test func acceptsAByteOrderMarkBeforeTheHeader() {
        let parsed = CustomerCSV.Reader(rules: rules).parse(utf8: [0xEF, 0xBB, 0xBF] + Array("name\n王小明".utf8))
        #expect(parsed.errors.isEmpty && parsed.rows.count == 1)
    }

    @Test func reportsEachRowErrorWithItsLineAndColumn() {
        let text = """
            name,kind,phone,email,tier,birthday,internal,stage,personality,gender,custom.visits,custom.room
            ok,,,,,,,,,,,
            ,person,,,,,,,,,,
            bad kind,company,,,,,,,,,,
            bad phone,,12345,,,,,,,,,
            bad email,,,"a@b.cn;nope",,,,,,,,
            bad tier,,,,platinum,,,,,,,
            bad date,,,,,1990-02-30,,,,,,
            bad flag,,,,,,maybe,,,,,
            bad stage,,,,,,,gone,,,,
            bad style,,,,,,,,lion,,,
            bad gender,,,,,,,,,robot,,
            bad number,,,,,,,,,,many,
            bad choice,,,,,,,,,,,garden
            """
        let parsed = parse(text)
        #expect(parsed.rows.map(\.line) == [2])
        #expect(
            parsed.errors.map { "\($0.row):\($0.column)" } == [
                "3:name", "4:kind", "5:phone", "6:email", "7:tier", "8:birthday", "9:internal", "10:stage",
                "11:personality", "12:gender", "13:custom.visits", "14:custom.room",
            ])
        #expect(parsed.errors[1].reason == "Kind \"company\" is not person or organization.")
        #expect(parsed.errors[2].reason.contains("12345"))
        #expect(parsed.errors[4].reason.contains("platinum"))
    }

    @Test func reportsEveryErrorOfARowInColumnOrder() {
        let parsed = parse("birthday,email,name,phone,kind\nsoon,x@,,123,robot\n")
        #expect(parsed.rows.isEmpty)
        #expect(parsed.errors.map(\.column) == ["birthday", "email", "name", "phone", "kind"])
        #expect(Set(parsed.errors.map(\.row)) == [2])
    }

    @Test func rejectsRowsWithTheWrongNumberOfCells() {
        let parsed = parse("name,phone\na\nb,13800138000,extra\nc,13800138000\n")
        #expect(parsed.rows.map(\.profile.name) == ["c"])
        #expect(
            parsed.errors == [
                CSV.RowError(row: 2, column: "", reason: "The row has 1 cells but the header has 2 columns."),
                CSV.RowError(row: 3, column: "", reason: "The row has 3 cells but the header has 2 columns."),
            ])
    }

    @Test func skipsBlankLinesAndKeepsRowNumbers() {
        let parsed = parse("name,tier\r\n\r\n王小明,gold\r\n , \r\n,\r\n\"李\r\n雷\",\r\n\r\n张三,\r\n")
        #expect(parsed.errors.isEmpty)
        #expect(parsed.rows.map(\.line) == [3, 6, 9])
        #expect(parsed.rows.map(\.profile.name) == ["王小明", "李\r\n雷", "张三"])
    }

    @Test func reportsAnUnterminatedQuoteAndKeepsEarlierRows() {
        let parsed = parse("name,remarks\nok,fine\nbroken,\"never closed\nmore\n")
        #expect(parsed.rows.map(\.line) == [2])
        #expect(parsed.errors.map { "\($0.row):\($0.column)" } == ["3:remarks"])
    }

    @Test func ignoresEmptyHeaderCellsButNotValuesUnderThem() {
        let parsed = parse("name,,\na,,\nb,x,\n")
        #expect(parsed.rows.map(\.profile.name) == ["a"])
        #expect(parsed.errors.map(\.row) == [3])
    }

    @Test func readsInBatches() throws {
        let lines = (1...25).map { "customer \($0),\($0 == 7 ? "bad" : "")" }
        let bytes = Array(("name,email\n" + lines.joined(separator: "\n")).utf8)
        var batches = try CustomerCSV.Reader(rules: rules).batches(utf8: bytes, size: 10)
        var sizes: [Int] = []
        var errorRows: [Int] = []
        while let batch = try batches.next() {
            sizes.append(batch.rows.count + batch.errors.count)
            errorRows += batch.errors.map(\.row)
        }
        #expect(sizes == [10, 10, 5])
        #expect(errorRows == [8])
        #expect(batches.fractionRead == 1)
    }

    @Test func batchesRefuseABadHeaderUpFront() {
        #expect(throws: CSV.HeaderFailure.self) {
            try CustomerCSV.Reader(rules: rules).batches(utf8: Array("nom\nx".utf8))
        }
    }

    @Test func importsAGBKFileAfterTextDecoding() throws {
        let text = "name,phone,tags\n王小明,13800138000,老客户;茶\n"
        let gbk = try #require(text.data(using: String.Encoding(rawValue: 0x8000_0632)))
        let decoded = try TextDecoding.utf8Bytes([UInt8](gbk))
        #expect(decoded.encoding == .gb18030)
        let parsed = CustomerCSV.Reader(rules: rules).parse(utf8: decoded.bytes)
        #expect(parsed.errors.isEmpty)
        #expect(parsed.rows.first?.profile.name == "王小明")
        #expect(parsed.rows.first?.profile.tags == ["老客户", "茶"])
    }

    @Test func rowErrorEncodesExactlyRowColumnReason() throws {
        let data = try JSONEncoder().encode(CSV.RowError(row: 3, column: "phone", reason: "bad"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["row", "column", "reason"])
        #expect(object["row"] as? Int == 3)
    }
}
