import KefuCore
import Testing

@Suite struct CSVTests {
    func read(_ text: String) throws -> [[String]] {
        try CSV.records(in: text).map(\.fields)
    }

    @Test func readsPlainRecordsWithOrWithoutTrailingNewline() throws {
        #expect(try read("a,b,c\n1,2,3\n") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(try read("a,b,c\n1,2,3") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(try read("") == [])
    }

    @Test func keepsEmptyCellsAndSpaces() throws {
        #expect(try read("a,,c,\n , x ,") == [["a", "", "c", ""], [" ", " x ", ""]])
    }

    @Test func readsQuotedCellsWithCommasQuotesAndNewlines() throws {
        let text = "name,remarks\n\"Wang, Xiaoming\",\"said \"\"hi\"\"\nand left\"\n\"\",\"\"\"\"\n"
        #expect(try read(text) == [["name", "remarks"], ["Wang, Xiaoming", "said \"hi\"\nand left"], ["", "\""]])
    }

    @Test func handlesCRLFAndLoneCR() throws {
        #expect(try read("a,b\r\n1,2\r\n") == [["a", "b"], ["1", "2"]])
        #expect(try read("a,b\r1,2") == [["a", "b"], ["1", "2"]])
        #expect(try read("a\r\n\"x\r\ny\"\r\n") == [["a"], ["x\r\ny"]])
    }

    @Test func numbersRecordsByTheLineTheyStartOn() throws {
        let text = "h1,h2\r\n\"multi\r\nline\r\ncell\",x\r\n\r\nlast,\"a\nb\"\nafter,1\n"
        let records = try CSV.records(in: text)
        #expect(records.map(\.line) == [1, 2, 5, 6, 8])
        #expect(records[2].fields == [""])
        #expect(records[4].fields == ["after", "1"])
    }

    @Test func reportsUnterminatedQuoteWithItsLine() {
        #expect(throws: CSV.ParseError(line: 3, field: 1)) {
            try CSV.records(in: "a,b\n1,2\n3,\"open\nstill open\n")
        }
        #expect(CSV.ParseError(line: 3, field: 1).description.contains("line 3"))
    }

    @Test func isLenientAboutStrayQuotes() throws {
        #expect(try read("ab\"c,\"x\"y,z") == [["ab\"c", "xy", "z"]])
    }

    @Test func decodesUTF8AndSkipsByteOrderMark() throws {
        var reader = CSV.Reader(utf8: [0xEF, 0xBB, 0xBF] + Array("姓名,电话\n王小明,13800138000".utf8))
        #expect(try reader.next()?.fields == ["姓名", "电话"])
        #expect(try reader.next() == CSV.Record(line: 2, fields: ["王小明", "13800138000"]))
        #expect(try reader.next() == nil)
        #expect(reader.bytesRead == reader.totalBytes)
    }

    @Test func writerQuotesOnlyWhenNeeded() {
        var writer = CSV.Writer()
        writer.write(["plain", "with,comma", "with \"quote\"", "two\nlines", "", " spaced ", "=1+1"])
        #expect(writer.output == "plain,\"with,comma\",\"with \"\"quote\"\"\",\"two\nlines\",, spaced ,=1+1\r\n")
        #expect(CSV.line(["a", "b"], lineEnding: "\n") == "a,b\n")
        #expect(!CSV.needsQuotes("王小明") && CSV.needsQuotes("a\rb"))
    }

    @Test func writeThenReadIsExact() throws {
        let records = [["a", "b,c", "\"", "x\r\ny", ""], ["\n", " ", "\"\"", "末尾,", "😀"]]
        var writer = CSV.Writer()
        records.forEach { writer.write($0) }
        #expect(try read(writer.output) == records)
        writer.removeAll()
        #expect(writer.output.isEmpty)
    }
}
