import Foundation
import KefuCore
import Testing

extension ServiceDeskTests {
    @Suite struct KBArticleTests {
        @Test func trimsAndAcceptsEitherLanguageAlone() throws {
            let chinese = try KBArticleContent(category: " 售后 ", titleZH: " 如何退款 ", bodyZH: "三天内到账\n").validated()
            #expect(chinese.category == "售后" && chinese.titleZH == "如何退款" && chinese.bodyZH == "三天内到账")
            #expect(chinese.status == .draft)
            let english = try KBArticleContent(category: "Billing", titleEN: "Refunds", bodyEN: "Three days.")
                .validated()
            #expect(english.titleZH.isEmpty)
        }

        @Test func needsOneWholeLanguageAndACategory() {
            func fields(_ content: KBArticleContent) -> [String] {
                do {
                    _ = try content.validated()
                    return []
                } catch {
                    return error.errors.map { "\($0.field):\($0.code)" }
                }
            }
            #expect(fields(KBArticleContent(category: " ")) == ["category:required", "title_zh:kb_language_required"])
            #expect(fields(KBArticleContent(category: "售后", titleZH: "退款")) == ["body_zh:required"])
            #expect(
                fields(KBArticleContent(category: "售后", titleZH: "退款", bodyZH: "x", bodyEN: "y"))
                    == ["title_en:required"])
            #expect(
                fields(KBArticleContent(category: "售后", titleZH: String(repeating: "长", count: 201), bodyZH: "x"))
                    == ["title_zh:too_long"])
        }

        @Test func readersGetTheirLanguageElseTheOther() {
            let both = KBArticleContent(category: "c", titleZH: "退款", bodyZH: "中文", titleEN: "Refund", bodyEN: "en")
            #expect(both.localized(chinese: true) == ("退款", "中文"))
            #expect(both.localized(chinese: false) == ("Refund", "en"))
            let chineseOnly = KBArticleContent(category: "c", titleZH: "退款", bodyZH: "中文")
            #expect(chineseOnly.localized(chinese: false) == ("退款", "中文"))
            #expect(both.searchText == "退款\nrefund\n中文\nen")
        }

        @Test func decodesWithDefaultsAndEncodesEveryKey() throws {
            let decoded = try JSONDecoder().decode(KBArticleContent.self, from: Data(#"{"category": "售后"}"#.utf8))
            #expect(decoded == KBArticleContent(category: "售后"))
            let article = KBArticle(
                id: ServiceDeskTests.id(3), content: decoded, authorID: nil, createdAt: ServiceDeskTests.now,
                updatedAt: ServiceDeskTests.now)
            let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(article)) as? [String: Any]
            #expect(
                Set(json?.keys.map { $0 } ?? []) == [
                    "id", "category", "title_zh", "body_zh", "title_en", "body_en", "status", "author_id",
                    "created_at", "updated_at",
                ])
            #expect(json?["author_id"] is NSNull)
        }
    }

    @Suite struct KBSuggestionTermsTests {
        @Test func cutsChineseIntoPairsAndOtherTextIntoWords() {
            #expect(KBSuggestionTerms(subject: "退款很慢").terms == ["退款", "款很", "很慢"])
            #expect(KBSuggestionTerms(subject: "iPhone 15 退款 a 慢").terms == ["iphone", "15", "退款"])
            #expect(KBSuggestionTerms(subject: "空调abc不制冷").terms == ["空调", "abc", "不制", "制冷"])
            #expect(KBSuggestionTerms(subject: "  ? 慢 ").terms.isEmpty)
        }

        @Test func dropsRepeatsAndStopsAtTheLimit() {
            #expect(KBSuggestionTerms(subject: "退款退款").terms == ["退款", "款退"])
            let long = (0..<30).map { "word\($0)" }.joined(separator: " ")
            #expect(KBSuggestionTerms(subject: long).terms.count == KBSuggestionTerms.maxTerms)
        }

        @Test func ranksByTermsContainedKeepingTheGivenOrderOnTies() {
            let terms = KBSuggestionTerms(subject: "申请退款多久到账")
            let texts = ["发票怎么开", "退款说明", "申请退款后多久到账", "到账时间", "如何申请退款"]
            #expect(terms.score("申请退款后多久到账") == 6)
            #expect(
                terms.rank(texts, limit: 3) { $0 } == ["申请退款后多久到账", "如何申请退款", "退款说明"])
            #expect(terms.rank(texts, limit: 10) { $0 }.count == 4)
        }
    }
}
