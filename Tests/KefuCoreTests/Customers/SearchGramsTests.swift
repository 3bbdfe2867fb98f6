import KefuCore
import Testing

@Suite struct SearchGramsTests {
    @Test func gramCharactersAreIdeographsKanaAndHangul() {
        for character: Character in [
            "王", "覃", "\u{3400}", "\u{4DBF}", "\u{9FFF}", "\u{F900}", "𠮷", "\u{3134F}",
            "ぁ", "ゖ", "ァ", "ヺ", "가", "힣",
        ] {
            #expect(SearchGrams.isGramCharacter(character), "\(character)")
        }
        for character: Character in [
            "a", "1", " ", "\n", "，", "。", "、", "「", "ー", "・", "ｱ", "ㄱ", "\u{3040}",
            "\u{30FB}", "\u{31350}", "😀", "é",
        ] {
            #expect(!SearchGrams.isGramCharacter(character), "\(character)")
        }
        // A character is a gram character only when all of its scalars are.
        #expect(!SearchGrams.isGramCharacter("葛\u{E0100}"))
        #expect(!SearchGrams.isGramCharacter("か\u{3099}"))
    }

    @Test func gramsAreSinglesThenPairsOfEachRun() {
        #expect(
            SearchGrams.grams(of: "王小明\n13800138000\n华信科技")
                == "王 小 明 王小 小明 华 信 科 技 华信 信科 科技")
        #expect(SearchGrams.grams(of: "覃") == "覃")
        #expect(SearchGrams.grams(of: "李娜") == "李 娜 李娜")
    }

    @Test func asciiOnlyAndEmptyTextHaveNoGrams() {
        #expect(SearchGrams.grams(of: "") == "")
        #expect(SearchGrams.grams(of: "li lei\n+8613800138000\nlilei@example.com") == "")
    }

    @Test func mixedScriptsAndPunctuationCutRuns() {
        #expect(SearchGrams.grams(of: "张a三") == "张 三")
        #expect(SearchGrams.grams(of: "你好，世界。") == "你 好 你好 世 界 世界")
        #expect(SearchGrams.grams(of: "さくらiPhone김민") == "さ く ら さく くら 김 민 김민")
        #expect(SearchGrams.grams(of: "𠮷野家") == "𠮷 野 家 𠮷野 野家")
    }

    @Test func repeatsAreKeptOnceInFirstSeenOrder() {
        #expect(SearchGrams.grams(of: "哈哈哈") == "哈 哈哈")
        #expect(SearchGrams.grams(of: "王明 明王 王明") == "王 明 王明 明王")
        // Canonically equivalent to 豈 (U+8C48) as Swift strings, but different text to the database.
        #expect(
            Array(SearchGrams.grams(of: "\u{F900}\u{8C48}").unicodeScalars)
                == Array("\u{F900} \u{8C48} \u{F900}\u{8C48}".unicodeScalars))
    }

    @Test func runsAreCutOnScalarsSoAVariationSelectorKeepsItsIdeograph() {
        #expect(SearchGrams.grams(of: "葛\u{E0100}西") == "葛 西")
        #expect(SearchGrams.grams(of: "か\u{3099}き") == "か き")
    }

    @Test func queryTokensOfOneCharacterIsTheCharacter() {
        #expect(SearchGrams.queryTokens(for: "覃") == ["覃"])
        #expect(SearchGrams.queryTokens(for: "𠮷") == ["𠮷"])
    }

    @Test func queryTokensOfLongerTermsAreItsPairs() {
        #expect(SearchGrams.queryTokens(for: "李娜") == ["李娜"])
        #expect(SearchGrams.queryTokens(for: "王小明") == ["王小", "小明"])
        #expect(SearchGrams.queryTokens(for: "哈哈哈") == ["哈哈"])
        #expect(SearchGrams.queryTokens(for: "明王明王") == ["明王", "王明"])
        #expect(SearchGrams.queryTokens(for: "さくら") == ["さく", "くら"])
    }

    @Test func queryTokensAreNilUnlessTheTermIsOnlyGramCharacters() {
        for term in ["", "a", "ab", "王a", "a王", "王 明", "王，", "13800", "葛\u{E0100}", "%王"] {
            #expect(SearchGrams.queryTokens(for: term) == nil, "\(term)")
        }
    }

    @Test func everyQueryTokenOfASubstringIsAGramOfTheText() {
        let text = "王小明\n华信科技有限公司\n喜欢靠窗的座位，さくら、김민준"
        let grams = Set(SearchGrams.grams(of: text).split(separator: " ").map(String.init))
        let scalars = Array(text.unicodeScalars)
        for start in scalars.indices {
            for end in start + 1...min(start + 4, scalars.count) {
                var term = String.UnicodeScalarView()
                term.append(contentsOf: scalars[start..<end])
                guard let tokens = SearchGrams.queryTokens(for: String(term)) else { continue }
                #expect(tokens.allSatisfy(grams.contains), "\(String(term))")
            }
        }
    }
}
