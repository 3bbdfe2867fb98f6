import Foundation
@testable import KefuCore
import Testing

extension MailTests {
    /// The corpus in `Corpus/`: messages shaped like what QQ Mail, Foxmail, 163, Outlook and Gmail send,
    /// in the charsets Chinese mail comes in, plus attachments, a bounce and automatic mail.
    @Suite struct MailCorpusTests {
        /// What one corpus file must decode to.
        struct Expected: Sendable, CustomTestStringConvertible {
            var file: String
            var subject: String
            var from: MailAddress
            var messageID: String?
            var inReplyTo: [String] = []
            /// The text with the quoted history cut.
            var reply: String
            /// Filename, content type and decoded size of each attachment, in order.
            var attachments: [Attachment] = []

            struct Attachment: Sendable, Equatable {
                var filename: String?
                var contentType: String
                var size: Int
            }

            var testDescription: String { file }
        }

        static let expected: [Expected] = [
            Expected(
                file: "qq-reply", subject: "回复：Re: 订单没有收到 [T-000123]",
                from: MailAddress(name: "王小明", address: "12345678@qq.com"),
                messageID: "<tencent_8F3A2B1C4D5E6F708192A3B4@qq.com>", inReplyTo: ["<k-3f1c2a9e@example.com>"],
                reply: "好的，我明天上午在家，麻烦安排送货。\n\n王小明"),
            Expected(
                file: "foxmail-reply", subject: "回复: 发票 [T-000124]",
                from: MailAddress(name: "李华", address: "lihua@foxmail.com"),
                messageID: "<202612021102044851290@foxmail.com>", inReplyTo: ["<k-5a5a5a5a@example.com>"],
                reply: "收到，谢谢！发票抬头请写：北京镕铭科技有限公司。"),
            Expected(
                file: "163-reply", subject: "回复:Re: 退款什么时候到账 [T-000125]",
                from: MailAddress(name: "张伟", address: "zhangwei2026@163.com"),
                messageID: "<4a5b6c7d.1f2e.18c2a3b4d5e.Coremail.zhangwei2026@163.com>",
                inReplyTo: ["<k-77aa88bb@example.com>"],
                reply: "已经收到退款了，谢谢你们的帮助。"),
            Expected(
                file: "outlook-en-reply", subject: "RE: Refund for order 8812 [T-000126]",
                from: MailAddress(name: "Smith, John", address: "john.smith@contoso.com"),
                messageID: "<DM6PR11MB4321ABCDEF0123456789ABCDEF01@DM6PR11MB4321.namprd11.prod.outlook.com>",
                inReplyTo: ["<k-0a0b0c0d@example.com>"],
                reply: "Hi,\n\nThe invoice is attached. Please confirm the refund amount.\n\nBest regards,\nJohn Smith",
                attachments: [.init(filename: "发票 2026-12.pdf", contentType: "application/pdf", size: 1040)]),
            Expected(
                file: "outlook-zh-reply", subject: "答复: 报价 [T-000127]",
                from: MailAddress(name: "赵敏", address: "zhaomin@contoso.cn"),
                messageID: "<000001db44aa$c0ffee00$42424242$@contoso.cn>", inReplyTo: ["<k-12345678@example.com>"],
                reply: "您好：\n\n报价单已附上，请查收。\n\n赵敏",
                attachments: [
                    .init(
                        filename: "报价单.xlsx",
                        contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        size: 3004)
                ]),
            Expected(
                file: "gmail-reply", subject: "Re: Termin für die Reparatur [T-000128]",
                from: MailAddress(name: "Anna Müller", address: "anna.mueller@gmail.com"),
                messageID: "<CAH4x+0abcDEF_ghiJKL-mnoPQR=stu@mail.gmail.com>", inReplyTo: ["<k-aaaa0002@example.com>"],
                reply: "Thanks, that works for me."),
            Expected(
                file: "gmail-zh-reply", subject: "Re: 会员积分 [T-000129]",
                from: MailAddress(name: "陈静", address: "chenjing@gmail.com"),
                messageID: "<CAJ9zz+QWERTY@mail.gmail.com>", inReplyTo: ["<k-bbbb0001@example.com>"], reply: "积分已经到账了 👍"
            ),
            Expected(
                file: "big5", subject: "詢問庫存", from: MailAddress(name: "林小姐", address: "lin.hk@example.com.tw"),
                messageID: "<big5-0001@example.com.tw>", reply: "請問這個商品還有貨嗎？我想訂三件。\n\n林小姐"),
            Expected(
                file: "gbk-labelled-latin1", subject: "咨询：会员卡怎么办理",
                from: MailAddress(name: "王芳", address: "wangfang@example.cn"),
                messageID: "<gbk-latin1-0001@example.cn>", reply: "你好，请问会员卡怎么办理？需要带身份证吗？"),
            Expected(
                file: "utf8-labelled-ascii", subject: "Question about delivery",
                from: MailAddress(name: "Zhou", address: "zhou@example.org"),
                messageID: "<utf8-ascii-0001@example.org>", reply: "快递到哪里了？单号 SF1234567890。Merci, café."),
            Expected(
                file: "html-only", subject: "门店营业时间", from: MailAddress(name: "Liu", address: "liu@example.net"),
                messageID: "<html-only-0001@example.net>",
                reply: "请问 周末营业吗？\n\n地址：<人民路> 8号 & 9号！\n\n周六\n周日\n\n电话 021-1234"),
            Expected(
                file: "attachments", subject: "屏幕截图",
                from: MailAddress(name: "Sun Li", address: "sunli@example.com.cn"),
                messageID: "<attach-0001@example.com.cn>", reply: "付款页面报错，截图见附件。\n\n补充：使用的是微信支付。",
                attachments: [
                    .init(filename: nil, contentType: "image/gif", size: 106),
                    .init(filename: "截图 1.png", contentType: "image/png", size: 1242),
                    .init(filename: "备注.txt", contentType: "text/plain", size: 17),
                ]),
        ]

        static func message(_ name: String) throws -> MailMessage {
            try MailMessage(parsing: MailTests.corpus(name))
        }

        @Test(arguments: expected) func decodes(_ expected: Expected) throws {
            let message = try Self.message(expected.file)
            #expect(message.subject == expected.subject)
            #expect(message.from == expected.from)
            #expect(message.messageID == expected.messageID)
            #expect(message.inReplyTo == expected.inReplyTo)
            #expect(message.reply == expected.reply)
            #expect(
                message.attachments.map {
                    Expected.Attachment(filename: $0.filename, contentType: $0.contentType, size: $0.size)
                }
                    == expected.attachments)
            #expect(MailNoise.classify(message, mailbox: "support@example.com") == nil)
        }

        @Test func qqMailKeepsTheFullTextAndTheThreadIDs() throws {
            let message = try Self.message("qq-reply")
            #expect(message.to == [MailAddress(name: "Kefu 客服", address: "support@example.com")])
            #expect(message.references == ["<CAF1x2y3z@mail.gmail.com>", "<k-3f1c2a9e@example.com>"])
            #expect(message.date == Date(timeIntervalSince1970: 1_796_177_732))
            #expect(message.text.hasSuffix("您好，您的订单已经重新发出。"))
            #expect(MailThreading.ticketNumber(inSubject: message.subject) == TicketNumber(sequence: 123))
        }

        @Test func quotesStayInTheFullText() throws {
            #expect(try Self.message("foxmail-reply").text.contains("> 您好，请提供发票抬头。"))
            #expect(try Self.message("gmail-reply").text.contains("> Would Friday suit you?"))
            #expect(try Self.message("gmail-zh-reply").text.contains("您的积分将在今天到账。"))
            #expect(try Self.message("html-only").text.hasSuffix("旧内容"))
        }

        @Test func mail163ReferencesAreLookedUpNewestFirst() throws {
            let message = try Self.message("163-reply")
            #expect(message.references == ["<k-66aa77bb@example.com>", "<k-77aa88bb@example.com>"])
            #expect(
                MailThreading.referencedMessageIDs(message) == ["<k-77aa88bb@example.com>", "<k-66aa77bb@example.com>"])
            #expect(message.date == MailDate.parse("Thu, 3 Dec 2026 08:01:44 +0800"))
        }

        @Test func htmlOnlyMailShowsNoStyleScriptOrComment() throws {
            let message = try Self.message("html-only")
            for hidden in ["ignored title", "font-family", "alert", "a comment"] {
                #expect(!message.text.contains(hidden))
            }
        }

        @Test func attachmentBytesAreDecoded() throws {
            let message = try Self.message("attachments")
            #expect(message.attachments[0].contentID == "logo@x")
            #expect(message.attachments[1].data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            #expect(String(decoding: message.attachments[2].data, as: UTF8.self) == "订单号：8812\n")
            #expect(
                try Self.message("outlook-en-reply").attachments.first?.data.starts(with: Array("%PDF-1.4".utf8))
                    == true)
        }

        @Test func bounceIsNoise() throws {
            let message = try Self.message("bounce")
            #expect(message.contentType == "multipart/report")
            #expect(message.from == MailAddress(name: "Mail Delivery System", address: "mailer-daemon@mx.example.com"))
            #expect(message.text.contains("550 5.1.1 User unknown"))
            #expect(MailNoise.classify(message, mailbox: "support@example.com") == .autoSubmitted("auto-replied"))
            var withoutAutoSubmitted = message
            withoutAutoSubmitted.headers.fields.removeAll { $0.name == "Auto-Submitted" }
            #expect(MailNoise.classify(withoutAutoSubmitted, mailbox: nil) == .bounce)
        }

        @Test func autoReplyAndBulkMailAreNoise() throws {
            let auto = try Self.message("auto-reply")
            #expect(auto.subject == "自动回复: Re: 订单没有收到 [T-000123]")
            #expect(MailNoise.classify(auto, mailbox: "support@example.com") == .autoSubmitted("auto-replied"))
            let bulk = try Self.message("bulk")
            #expect(MailNoise.classify(bulk, mailbox: "support@example.com") == .precedence("bulk"))
            #expect(bulk.reply == "Big sale!")
        }
    }
}
