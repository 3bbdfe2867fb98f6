import Testing

@testable import KefuMailNet

@Suite struct IMAPResponseTests {
    @Test func readsALiteralExactlyAsBytes() throws {
        // The literal holds CRLFs, a `)` and something that looks like another literal.
        let body: [UInt8] = Array("Subject: a\r\n\r\n) {3}\r\n".utf8) + [0xE4, 0xBD, 0xA0, 0x00, 0xFF]
        var bytes =
            Array("* 3 FETCH (UID 42 BODY[] {\(body.count)}\r\n".utf8) + body + Array(")\r\nK5 OK done\r\n".utf8)
        let fetch = try #require(try IMAPResponse.parse(&bytes))
        #expect(fetch.kind == .untagged)
        #expect(fetch.keyword == "FETCH")
        #expect(fetch.number(after: "UID") == 42)
        #expect(fetch.literals == [body])
        #expect(fetch.text == "3 FETCH (UID 42 BODY[] {\(body.count)})")
        let done = try #require(try IMAPResponse.parse(&bytes))
        #expect(done.kind == .tagged("K5", .ok))
        #expect(done.text == "done")
        #expect(bytes.isEmpty)
    }

    @Test func waitsForAnIncompleteLiteral() throws {
        var bytes = Array("* 1 FETCH (BODY[] {10}\r\n12345".utf8)
        let before = bytes
        #expect(try IMAPResponse.parse(&bytes) == nil)
        #expect(bytes == before)
        bytes += Array("67890)\r".utf8)
        #expect(try IMAPResponse.parse(&bytes) == nil)
        bytes += [0x0A]
        #expect(try IMAPResponse.parse(&bytes)?.literals == [Array("1234567890".utf8)])
    }

    @Test func readsUnsolicitedLinesBetweenTheAnswers() throws {
        var bytes = Array(
            "* 4 EXISTS\r\n* 1 RECENT\r\n* SEARCH 7 9 12\r\n* 2 FETCH (FLAGS (\\Seen))\r\nK2 OK SEARCH completed\r\n"
                .utf8)
        var responses: [IMAPResponse] = []
        while let response = try IMAPResponse.parse(&bytes) { responses.append(response) }
        #expect(responses.map(\.keyword) == ["EXISTS", "RECENT", "SEARCH", "FETCH", "SEARCH"])
        #expect(responses[4].kind == .tagged("K2", .ok))
    }

    @Test func readsStatusesAndContinuations() throws {
        var bytes = Array("+ go ahead\r\nK3 no [AUTHENTICATIONFAILED] Authentication failed.\r\n+\r\n".utf8)
        #expect(try IMAPResponse.parse(&bytes) == IMAPResponse(kind: .continuation, text: "go ahead", literals: []))
        let failed = try #require(try IMAPResponse.parse(&bytes))
        #expect(failed.kind == .tagged("K3", .no))
        #expect(failed.text == "[AUTHENTICATIONFAILED] Authentication failed.")
        #expect(try IMAPResponse.parse(&bytes)?.kind == .continuation)
    }

    @Test func refusesALineWithoutAStatus() {
        var bytes = Array("K1 MAYBE\r\n".utf8)
        #expect(throws: IMAPError.self) { try IMAPResponse.parse(&bytes) }
    }
}
