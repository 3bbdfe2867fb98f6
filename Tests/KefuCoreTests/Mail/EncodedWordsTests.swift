@testable import KefuCore
import Testing

extension MailTests {
    @Suite struct EncodedWordsTests {
        @Test func decodesBAndQWordsInAnyCharset() {
            #expect(EncodedWords.decode("=?GBK?B?zfXQocP3?=") == "王小明")
            #expect(EncodedWords.decode("=?utf-8?q?caf=C3=A9_au_lait?=") == "café au lait")
            #expect(EncodedWords.decode("=?ISO-8859-1?Q?Andr=E9?= Pirard") == "André Pirard")
            #expect(EncodedWords.decode("=?big5?B?pKSk5Q==?=") == "中文")
            #expect(EncodedWords.decode("=?UTF-8*zh?B?5a6i5pyN?=") == "客服")
        }

        @Test func adjacentWordsLoseTheWhiteSpaceBetweenThem() {
            #expect(EncodedWords.decode("=?UTF-8?B?5a6i?= \r\n =?UTF-8?B?5pyN?=") == "客服")
            #expect(EncodedWords.decode("=?UTF-8?Q?a?= b =?UTF-8?Q?c?=") == "a b c")
            #expect(EncodedWords.decode("Re: =?UTF-8?B?5a6i5pyN?= [T-000001]") == "Re: 客服 [T-000001]")
        }

        @Test func joinsTheBytesOfACharacterCutBetweenWords() {
            // 王 = CD F5 cut after its first byte, as some mailers fold long subjects.
            #expect(EncodedWords.decode("=?GBK?B?zQ==?= =?GBK?B?9dCh?=") == "王小")
            // é = C3 A9 split between two Q words.
            #expect(EncodedWords.decode("=?UTF-8?Q?caf=C3?= =?UTF-8?Q?=A9?=") == "café")
        }

        @Test func leavesMalformedWordsAndPlainTextAlone() {
            #expect(EncodedWords.decode("=?UTF-8?X?abc?=") == "=?UTF-8?X?abc?=")
            #expect(EncodedWords.decode("=?UTF-8?B?abc") == "=?UTF-8?B?abc")
            #expect(EncodedWords.decode("a =? b ?= c") == "a =? b ?= c")
            #expect(EncodedWords.decode("Price: 5=?") == "Price: 5=?")
        }

        @Test func encodesIntoWordsThatFitAndNeverSplitACharacter() {
            let text = String(repeating: "客服中心𠀀", count: 12)
            let words = EncodedWords.encode(text, maxLength: 60)
            #expect(words.count > 1)
            #expect(words.allSatisfy { $0.count <= 60 && $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") })
            #expect(EncodedWords.decode(words.joined(separator: "\r\n ")) == text)
            for word in words { #expect(!EncodedWords.decode(word).contains("\u{FFFD}")) }
        }
    }
}
