import Foundation
import KefuCore
import Testing

/// The streaming path of an import (`ByteSource` → `TextDecoding.UTF8Stream` → `CSV.SourceReader`)
/// must read exactly what the in-memory reader reads, wherever the pieces happen to be cut.
@Suite struct StreamingReaderTests {
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// Every record of `bytes` read in pieces of `pieceSize`, and the encoding found.
    func streamed(_ bytes: [UInt8], pieceSize: Int) throws
        -> (records: [CSV.Record], encoding: TextDecoding.Encoding?)
    {
        let stream = TextDecoding.UTF8Stream(InMemoryBytes(bytes, pieceSize: pieceSize))
        var reader = CSV.SourceReader(source: stream)
        var records: [CSV.Record] = []
        while let record = try reader.next() { records.append(record) }
        var probe = TextDecoding.UTF8Stream(InMemoryBytes(bytes, pieceSize: pieceSize))
        while try probe.next() != nil {}
        return (records, probe.encoding)
    }

    func inMemory(_ text: String) throws -> [CSV.Record] {
        try CSV.records(in: text)
    }

    @Test func recordsSplitAtEveryPossibleByteReadTheSame() throws {
        let text = "name,phone,remarks\r\nWang,138,\"said \"\"hi\"\"\"\nLi,,plain\rZhao,139,\r\n\nlast,1,x"
        let expected = try inMemory(text)
        for size in 1...text.utf8.count {
            #expect(try streamed(Array(text.utf8), pieceSize: size).records == expected, "piece size \(size)")
        }
    }

    @Test func multiByteUTF8CharactersSplitAcrossPieces() throws {
        let text = "姓名,电话\n王小明,13800138000\n😀李雷,\"地址\n第二行\"\n"
        let expected = try inMemory(text)
        for size in 1...9 {
            let result = try streamed(Array(text.utf8), pieceSize: size)
            #expect(result.records == expected, "piece size \(size)")
            #expect(result.encoding == .utf8)
        }
    }

    @Test func gb18030CharactersSplitAcrossPieces() throws {
        let text = "name,tags\n王小明,老客户;茶\n李雷,\"多行\n备注\"\n"
        let bytes = try #require(text.data(using: Self.gb18030))
        let expected = try inMemory(text)
        for size in 1...7 {
            let result = try streamed([UInt8](bytes), pieceSize: size)
            #expect(result.records == expected, "piece size \(size)")
            #expect(result.encoding == .gb18030)
        }
    }

    @Test func gb18030AfterManyASCIILinesIsStillFound() throws {
        let ascii = (1...2_000).map { "customer \($0),\($0)\n" }.joined()
        let text = "name,phone\n" + ascii + "王小明,13800138000\n"
        let bytes = try #require(text.data(using: Self.gb18030))
        let result = try streamed([UInt8](bytes), pieceSize: 4_096)
        #expect(result.encoding == .gb18030)
        #expect(result.records.last?.fields == ["王小明", "13800138000"])
    }

    @Test func quotedCellsWithLineBreaksAcrossPiecesKeepTheirStartLine() throws {
        let text = "h1,h2\r\n\"multi\r\nline\r\ncell\",x\r\n\r\nlast,\"a\nb\"\nafter,1\n"
        for size in 1...text.utf8.count {
            let records = try streamed(Array(text.utf8), pieceSize: size).records
            #expect(records.map(\.line) == [1, 2, 5, 6, 8], "piece size \(size)")
            #expect(records.map(\.fields) == (try inMemory(text)).map(\.fields))
        }
    }

    @Test func byteOrderMarksSplitAcrossPiecesAreSkipped() throws {
        let utf8 = [0xEF, 0xBB, 0xBF] + Array("name\n王小明\n".utf8)
        let little = [0xFF, 0xFE] + [UInt8]("name\n王a\n".data(using: .utf16LittleEndian)!)
        for size in 1...4 {
            let fromUTF8 = try streamed(utf8, pieceSize: size)
            #expect(fromUTF8.records.map(\.fields) == [["name"], ["王小明"]])
            #expect(fromUTF8.encoding == .utf8WithBOM)
            let fromUTF16 = try streamed(little, pieceSize: size)
            #expect(fromUTF16.records.map(\.fields) == [["name"], ["王a"]])
            #expect(fromUTF16.encoding == .utf16LittleEndian)
        }
    }

    @Test func anUnterminatedQuoteIsReportedWhereItStarts() {
        for size in [1, 3, 64] {
            #expect(throws: CSV.ParseError(line: 3, field: 1)) {
                try streamed(Array("a,b\n1,2\n3,\"open\nstill open\n".utf8), pieceSize: size)
            }
        }
    }

    @Test func refusesNULAndBadBytesWithTheirLine() {
        let nul = Array("name\nok\nbad\0\n".utf8)
        #expect(throws: TextDecoding.Failure.nulByte(line: 3)) { try streamed(nul, pieceSize: 2) }
        let damaged: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("name\n王\n".utf8) + [0xC3, 0x0A]
        #expect(throws: TextDecoding.Failure.corrupt(encoding: .utf8WithBOM, line: 3)) {
            try streamed(damaged, pieceSize: 3)
        }
        let garbage: [UInt8] = Array("name\nok\n".utf8) + [0x41, 0xFF, 0x80, 0x42]
        #expect(throws: TextDecoding.Failure.unsupportedEncoding(line: 3)) { try streamed(garbage, pieceSize: 5) }
    }
}
