@testable import KefuCore
import Testing

extension MailTests {
    @Suite struct QuotedHistoryTests {
        @Test func separators() {
            for separator in [
                "------------------ 原始邮件 ------------------", "-----原始邮件-----", "-----Original Message-----",
                "------------------ Original ------------------", "---- 回复的原邮件 ----",
            ] {
                #expect(QuotedHistory.cut("好的\n\n\(separator)\n发件人: a@b.com\n旧的") == "好的")
            }
        }

        @Test func chineseAttributions() {
            for attribution in [
                "在 2026-12-02 10:00:00，\"Kefu 客服\" <support@example.com> 写道：",
                "在 2026/12/2 10:00, Kefu 客服 写道:",
                "Kefu 客服 <support@example.com> 于2026年12月2日周三 10:00写道：",
            ] {
                #expect(QuotedHistory.cut("谢谢\n\(attribution)\n> 旧的") == "谢谢")
            }
            #expect(QuotedHistory.cut("谢谢\n在 2026年12月2日 周三 10:00，\n\"客服\"<s@example.com> 写道：\n> 旧的") == "谢谢")
        }

        @Test func englishAttributionsOnOneOrTwoLines() {
            #expect(QuotedHistory.cut("Fine.\n\nOn Wed, Dec 2, 2026, Support wrote:\n> old") == "Fine.")
            #expect(
                QuotedHistory.cut("Fine.\n\nOn Wed, Dec 2, 2026 at 10:00 AM Support <\ns@example.com> wrote:\n> old")
                    == "Fine.")
        }

        @Test func outlookHeaderBlocksInEnglishAndChinese() {
            let english =
                "Thanks\n\n________________________________\nFrom: Support <s@example.com>\nSent: Wednesday\nTo: me\n\nold"
            #expect(QuotedHistory.cut(english) == "Thanks")
            let bold = "Thanks\n\n*From:* Support <s@example.com>\n*Sent:* Wednesday\n\nold"
            #expect(QuotedHistory.cut(bold) == "Thanks")
            let chinese = "收到\n\n发件人: 客服 <s@example.com>\n发送时间: 2026年12月2日 10:00\n收件人: 我\n\n旧的"
            #expect(QuotedHistory.cut(chinese) == "收到")
            #expect(QuotedHistory.cut("收到\n发件人：客服\n日期：2026-12-02\n旧的") == "收到")
        }

        @Test func theCustomersOwnSentencesAreNotAttributions() {
            for text in ["他在信里写道：\n“马上到”", "在信里他写道：\n“马上到”", "On Monday my friend wrote:\nhello"] {
                #expect(QuotedHistory.cut(text) == text)
            }
        }

        @Test func aFromLineAloneIsNotAQuote() {
            let text = "My order:\nFrom: Shanghai\nTo: Beijing\nThanks"
            #expect(QuotedHistory.cut(text) == text)
        }

        @Test func trailingQuoteBlocksAreCutButInlineAnswersKept() {
            #expect(QuotedHistory.cut("Yes please.\n\n> Shall we send it?\n>\n> Support\n") == "Yes please.")
            let inline = "> Which colour?\nRed.\n> Which size?\nM."
            #expect(QuotedHistory.cut(inline) == inline)
        }

        @Test func aMessageThatIsAllQuoteKeepsItsText() {
            let forward = "-----Original Message-----\nFrom: a@b.com\nSent: today\n\nthe forwarded text"
            #expect(QuotedHistory.cut(forward) == forward)
        }
    }
}
