@testable import KefuCore
import Testing

extension MailTests {
    @Suite struct MIMEHeaderValueTests {
        @Test func valueAndParameters() {
            let value = MIMEHeaderValue("Multipart/Mixed; boundary=\"----=_Part_1; x\"; CHARSET=gbk")
            #expect(value.value == "multipart/mixed")
            #expect(value.parameters == ["boundary": "----=_Part_1; x", "charset": "gbk"])
        }

        @Test func quotedValuesLoseTheirEscapes() {
            #expect(MIMEHeaderValue("attachment; filename=\"a \\\"b\\\".txt\"").parameters["filename"] == "a \"b\".txt")
        }

        @Test func unquotedValuesWithSpacesAreKeptWhole() {
            #expect(MIMEHeaderValue("attachment; filename=报价 单.pdf; size=3").parameters["filename"] == "报价 单.pdf")
        }

        @Test func rfc2231ExtendedValue() {
            let value = MIMEHeaderValue("attachment; filename*=UTF-8''%E5%8F%91%E7%A5%A8.pdf")
            #expect(value.parameters["filename"] == "发票.pdf")
            let gbk = MIMEHeaderValue("attachment; filename*=gb18030'zh-cn'%CD%F5.txt")
            #expect(gbk.parameters["filename"] == "王.txt")
        }

        @Test func rfc2231ContinuationsInAnyOrderMixingEncodedAndPlainSections() {
            let value = MIMEHeaderValue(
                "attachment; filename*1*=%E7%A5%A8; filename*0*=UTF-8''%E5%8F%91; filename*2=\" final.pdf\"")
            #expect(value.parameters["filename"] == "发票 final.pdf")
            let plain = MIMEHeaderValue("message/external-body; URL*0=\"ftp://\"; URL*1=\"example.com/file\"")
            #expect(plain.parameters["url"] == "ftp://example.com/file")
        }

        @Test func theExtendedFormWinsOverThePlainOne() {
            let value = MIMEHeaderValue("attachment; filename=\"fallback.pdf\"; filename*=UTF-8''%E5%8F%91.pdf")
            #expect(value.parameters["filename"] == "发.pdf")
        }
    }
}
