/// The "gram" index terms of a text: every CJK ideograph, kana and Hangul syllable on its own and
/// every adjacent pair of them.
///
/// Customer search is a substring search. A trigram index answers terms of three or more
/// characters, but a rare Chinese given name is often one or two (覃, 李娜), and CJK text has no
/// spaces a word index could split on. Indexing single characters and pairs lets such a term be
/// looked up: a text containing the term contains every token of `queryTokens(for:)`, so the index
/// proposes a superset of the matches and the exact substring filter decides.
///
/// The characters chosen are all of Unicode category Lo, which SQLite's unicode61 tokenizer keeps
/// inside tokens, so each space-separated gram is exactly one token there.
public enum SearchGrams {
    /// True when every unicode scalar of `c` is a CJK ideograph (unified, extensions A and B+,
    /// compatibility), a hiragana or katakana letter, or a Hangul syllable.
    public static func isGramCharacter(_ c: Character) -> Bool {
        c.unicodeScalars.allSatisfy(isGramScalar)
    }

    /// The scalar-level test behind `isGramCharacter`.
    public static func isGramScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x3134F,
            0x3041...0x3096, 0x30A1...0x30FA, 0xAC00...0xD7A3:
            true
        default:
            false
        }
    }

    /// For every maximal run of gram characters in `text`, each character and each adjacent pair,
    /// without repeats (first occurrence kept), joined by single spaces; "" when there are none.
    ///
    /// Runs are cut on unicode scalars, not on `Character`s: a SQL `LIKE` matches code points, so
    /// 葛 must be a gram of 葛 followed by a variation selector (one `Character`) as well. Repeats
    /// are found by scalar value, because `String` equality would merge a compatibility ideograph
    /// with its canonical equivalent, which the database tells apart.
    public static func grams(of text: String) -> String {
        var output = String.UnicodeScalarView()
        var seen = Set<UInt64>()
        var run: [Unicode.Scalar] = []

        func emit(_ scalars: Unicode.Scalar...) {
            let key = scalars.reduce(UInt64(0)) { $0 << 32 | UInt64($1.value) }
            guard seen.insert(key).inserted else { return }
            if !output.isEmpty { output.append(" ") }
            output.append(contentsOf: scalars)
        }

        func endRun() {
            for scalar in run { emit(scalar) }
            for (first, second) in zip(run, run.dropFirst()) { emit(first, second) }
            run.removeAll(keepingCapacity: true)
        }

        for scalar in text.unicodeScalars {
            if isGramScalar(scalar) {
                run.append(scalar)
            } else if !run.isEmpty {
                endRun()
            }
        }
        endRun()
        return String(output)
    }

    /// The gram tokens every text containing `term` has: the term itself when it is one character,
    /// otherwise its adjacent pairs without repeats. Nil unless `term` (already trimmed and
    /// lower-cased) is non-empty and made only of gram characters.
    public static func queryTokens(for term: String) -> [String]? {
        guard !term.isEmpty, term.allSatisfy(isGramCharacter) else { return nil }
        // Each gram character is a single scalar (none of them extends a grapheme), so pairs of
        // scalars are pairs of characters.
        let scalars = Array(term.unicodeScalars)
        guard scalars.count > 1 else { return [term] }
        var seen = Set<UInt64>()
        var tokens: [String] = []
        for (first, second) in zip(scalars, scalars.dropFirst())
        where seen.insert(UInt64(first.value) << 32 | UInt64(second.value)).inserted {
            var token = String.UnicodeScalarView()
            token.append(first)
            token.append(second)
            tokens.append(String(token))
        }
        return tokens
    }
}
