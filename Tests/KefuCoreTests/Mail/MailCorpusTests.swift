import Foundation
@testable import KefuCore
import Testing

/// The corpus in `Corpus/`: messages shaped like what QQ Mail, Foxmail, 163, Outlook and Gmail send,
/// in the charsets Chinese mail comes in, plus attachments, a bounce and automatic mail.
@Suite struct MailCorpusTests {
    static func message(_ name: String) throws -> MailMessage {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "eml", subdirectory: "Corpus"))
        return try MailMessage(parsing: Data(contentsOf: url))
    }

    @Test func qqMailReplyCutsTheOriginalMailBlock() throws {
        let message = try Self.message("qq-reply")
        #expect(message.subject == "回复：Re: 订单没有收到 [T-000123]")
        #expect(message.from == MailAddress(name: "王小明", address: "12345678@qq.com"))
        #expect(message.to == [MailAddress(name: "Kefu 客服", address: "support@example.com")])
        #expect(message.messageID == "<tencent_8F3A2B1C4D5E6F708192A3B4@qq.com>")
        #expect(message.inReplyTo == ["<k-3f1c2a9e@example.com>"])
        #expect(message.references == ["<CAF1x2y3z@mail.gmail.com>", "<k-3f1c2a9e@example.com>"])
        #expect(message.date == Date(timeIntervalSince1970: 1_796_177_732))
        #expect(message.reply == "好的，我明天上午在家，麻烦安排送货。\n\n王小明")
        #expect(message.text.hasSuffix("您好，您的订单已经重新发出。"))
        #expect(message.attachments.isEmpty)
        #expect(MailThreading.ticketNumber(inSubject: message.subject) == TicketNumber(sequence: 123))
        #expect(MailNoise.classify(message, mailbox: "support@example.com") == nil)
    }

    @Test func foxmailReplyLabelledGB2312ReadsGBKCharacters() throws {
        let message = try Self.message("foxmail-reply")
        #expect(message.subject == "回复: 发票 [T-000124]")
        #expect(message.from == MailAddress(name: "李华", address: "lihua@foxmail.com"))
        #expect(message.messageID == "<202612021102044851290@foxmail.com>")
        #expect(message.inReplyTo == ["<k-5a5a5a5a@example.com>"])
        #expect(message.reply == "收到，谢谢！发票抬头请写：北京镕铭科技有限公司。")
        #expect(message.text.contains("> 您好，请提供发票抬头。"))
    }

    @Test func mail163SubjectSplitInsideACharacter() throws {
        let message = try Self.message("163-reply")
        #expect(message.subject == "回复:Re: 退款什么时候到账 [T-000125]")
        #expect(message.from == MailAddress(name: "张伟", address: "zhangwei2026@163.com"))
        #expect(message.to == [MailAddress(address: "support@example.com")])
        #expect(message.references == ["<k-66aa77bb@example.com>", "<k-77aa88bb@example.com>"])
        #expect(
            MailThreading.referencedMessageIDs(message) == ["<k-77aa88bb@example.com>", "<k-66aa77bb@example.com>"])
        #expect(message.reply == "已经收到退款了，谢谢你们的帮助。")
        #expect(message.date == MailDate.parse("Thu, 3 Dec 2026 08:01:44 +0800"))
    }

    @Test func outlookReplyCutsTheHeaderBlockAndKeepsTheRFC2231Attachment() throws {
        let message = try Self.message("outlook-en-reply")
        #expect(message.subject == "RE: Refund for order 8812 [T-000126]")
        #expect(message.from == MailAddress(name: "Smith, John", address: "john.smith@contoso.com"))
        #expect(
            message.messageID
                == "<DM6PR11MB4321ABCDEF0123456789ABCDEF01@DM6PR11MB4321.namprd11.prod.outlook.com>")
        #expect(
            message.reply
                == "Hi,\n\nThe invoice is attached. Please confirm the refund amount.\n\nBest regards,\nJohn Smith")
        #expect(message.attachments.count == 1)
        let pdf = try #require(message.attachments.first)
        #expect(pdf.filename == "发票 2026-12.pdf")
        #expect(pdf.contentType == "application/pdf")
        #expect(pdf.size == 1040)
        #expect(pdf.data.starts(with: Array("%PDF-1.4".utf8)))
    }

    @Test func outlookChineseReplyCutsOriginalMailAndDecodesAnEncodedWordFilename() throws {
        let message = try Self.message("outlook-zh-reply")
        #expect(message.subject == "答复: 报价 [T-000127]")
        #expect(message.from == MailAddress(name: "赵敏", address: "zhaomin@contoso.cn"))
        #expect(message.messageID == "<000001db44aa$c0ffee00$42424242$@contoso.cn>")
        #expect(message.references.isEmpty)
        #expect(message.reply == "您好：\n\n报价单已附上，请查收。\n\n赵敏")
        #expect(message.attachments.map(\.filename) == ["报价单.xlsx"])
        #expect(message.attachments.first?.size == 3004)
        #expect(
            message.attachments.first?.contentType
                == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }

    @Test func gmailReplyCutsAWrappedAttribution() throws {
        let message = try Self.message("gmail-reply")
        #expect(message.subject == "Re: Termin für die Reparatur [T-000128]")
        #expect(message.from == MailAddress(name: "Anna Müller", address: "anna.mueller@gmail.com"))
        #expect(message.messageID == "<CAH4x+0abcDEF_ghiJKL-mnoPQR=stu@mail.gmail.com>")
        #expect(message.inReplyTo == ["<k-aaaa0002@example.com>"])
        #expect(message.reply == "Thanks, that works for me.")
        #expect(message.text.contains("> Would Friday suit you?"))
    }

    @Test func gmailChineseHTMLOnlyReplyCutsItsAttribution() throws {
        let message = try Self.message("gmail-zh-reply")
        #expect(message.subject == "Re: 会员积分 [T-000129]")
        #expect(message.from == MailAddress(name: "陈静", address: "chenjing@gmail.com"))
        #expect(message.reply == "积分已经到账了 👍")
        #expect(message.text.contains("您的积分将在今天到账。"))
    }

    @Test func big5HeadersAndBody() throws {
        let message = try Self.message("big5")
        #expect(message.subject == "詢問庫存")
        #expect(message.from == MailAddress(name: "林小姐", address: "lin.hk@example.com.tw"))
        #expect(message.reply == "請問這個商品還有貨嗎？我想訂三件。\n\n林小姐")
    }

    @Test func gbkBytesLabelledLatin1AndRawGBKHeaders() throws {
        let message = try Self.message("gbk-labelled-latin1")
        #expect(message.subject == "咨询：会员卡怎么办理")
        #expect(message.from == MailAddress(name: "王芳", address: "wangfang@example.cn"))
        #expect(message.reply == "你好，请问会员卡怎么办理？需要带身份证吗？")
    }

    @Test func utf8BytesLabelledUSASCII() throws {
        let message = try Self.message("utf8-labelled-ascii")
        #expect(message.subject == "Question about delivery")
        #expect(message.reply == "快递到哪里了？单号 SF1234567890。Merci, café.")
    }

    @Test func htmlOnlyMailBecomesReadableText() throws {
        let message = try Self.message("html-only")
        #expect(message.subject == "门店营业时间")
        #expect(message.from == MailAddress(name: "Liu", address: "liu@example.net"))
        #expect(message.reply == "请问 周末营业吗？\n\n地址：<人民路> 8号 & 9号！\n\n周六\n周日\n\n电话 021-1234")
        for hidden in ["ignored title", "font-family", "alert", "a comment"] { #expect(!message.text.contains(hidden)) }
        #expect(message.text.hasSuffix("旧内容"))
    }

    @Test func attachmentsWithRFC2231AndRFC2047NamesAndAnInlineImage() throws {
        let message = try Self.message("attachments")
        #expect(message.subject == "屏幕截图")
        #expect(message.reply == "付款页面报错，截图见附件。\n\n补充：使用的是微信支付。")
        #expect(message.attachments.map(\.filename) == [nil, "截图 1.png", "备注.txt"])
        #expect(message.attachments.map(\.contentType) == ["image/gif", "image/png", "text/plain"])
        #expect(message.attachments.map(\.size) == [106, 1242, 17])
        #expect(message.attachments[0].contentID == "logo@x")
        #expect(message.attachments[1].data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(String(decoding: message.attachments[2].data, as: UTF8.self) == "订单号：8812\n")
    }

    @Test func bounceIsNoise() throws {
        let message = try Self.message("bounce")
        #expect(message.contentType == "multipart/report")
        #expect(message.from.address == "mailer-daemon@mx.example.com")
        #expect(message.from.name == "Mail Delivery System")
        #expect(message.messageID == "<20261203014000.8A3F21E0C4@mx.example.com>")
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
