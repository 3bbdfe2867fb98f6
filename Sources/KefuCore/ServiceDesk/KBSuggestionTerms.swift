/// The rule by which the public ticket form suggests articles for the subject a customer types.
///
/// Chinese has no spaces to split words on, and a customer's wording rarely equals an article's, so
/// the subject is cut into short terms and an article ranks by how many of them it contains (in its
/// titles or bodies, either language): every adjacent pair of CJK characters (退款很慢 → 退款, 款很,
/// 很慢), and every other run of letters or digits of two or more characters as one word (`refund`).
/// A lone CJK character or letter is left out: it matches nearly everything. Case is ignored.
public struct KBSuggestionTerms: Sendable, Equatable {
    /// The distinct terms, in the order they appear, at most `maxTerms`.
    public let terms: [String]

    /// A long subject is cut to its first terms, which keeps the query's cost bounded.
    public static let maxTerms = 12

    public init(subject: String) {
        var terms: [String] = []
        var seen = Set<String>()
        func add(_ term: String) {
            if terms.count < Self.maxTerms, seen.insert(term).inserted { terms.append(term) }
        }
        var cjk: [Unicode.Scalar] = []
        var word = String.UnicodeScalarView()
        func endRuns() {
            for (first, second) in zip(cjk, cjk.dropFirst()) {
                var pair = String.UnicodeScalarView()
                pair.append(first)
                pair.append(second)
                add(String(pair))
            }
            if word.count > 1 { add(String(word)) }
            cjk.removeAll()
            word = String.UnicodeScalarView()
        }
        for scalar in subject.lowercased().unicodeScalars {
            if SearchGrams.isGramScalar(scalar) {
                if !word.isEmpty { endRuns() }
                cjk.append(scalar)
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if !cjk.isEmpty { endRuns() }
                word.append(scalar)
            } else {
                endRuns()
            }
        }
        endRuns()
        self.terms = terms
    }

    /// How many terms `text` contains; `text` is lower-cased already (an article's `searchText`).
    public func score(_ text: String) -> Int {
        terms.reduce(0) { $0 + (text.contains($1) ? 1 : 0) }
    }

    /// The `limit` best of `candidates` (given newest first): most terms contained first, ties kept in the
    /// given order; candidates containing none are left out.
    public func rank<Candidate>(
        _ candidates: [Candidate], limit: Int, text: (Candidate) -> String
    ) -> [Candidate] {
        let scored: [(offset: Int, score: Int, candidate: Candidate)] = candidates.enumerated().map {
            (offset: $0.offset, score: score(text($0.element)), candidate: $0.element)
        }
        let ranked = scored.filter { $0.score > 0 }.sorted { first, second in
            first.score != second.score ? first.score > second.score : first.offset < second.offset
        }
        return ranked.prefix(limit).map(\.candidate)
    }
}
