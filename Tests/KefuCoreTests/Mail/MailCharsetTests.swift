import Foundation
@testable import KefuCore
import Testing

extension MailTests {
    @Suite struct MailCharsetTests {
        /// 王小明 in GBK (the same bytes in GB2312 and GB18030).
        let gbk: [UInt8] = [0xCD, 0xF5, 0xD0, 0xA1, 0xC3, 0xF7]

        @Test func gbkAndGB2312LabelsReadAsGB18030() {
            for label in ["gbk", "GB2312", "gb18030", "\"GBK\"", "x-gbk", "cp936"] {
                #expect(MailCharset.decode(gbk, label: label) == "王小明")
            }
            // 镕 (U+9555) is GBK, not GB2312: mailers send it under the gb2312 label anyway.
            #expect(MailCharset.decode([0xE9, 0x46], label: "gb2312") == "镕")
        }

        @Test func gb18030FourByteSequences() {
            // Four-byte sequences: 𠀀 (U+20000, CJK Extension B), 😀 (U+1F600), 龦 (U+9FA6), U+0080.
            #expect(MailCharset.decode([0x95, 0x32, 0x82, 0x36], label: "GB18030") == "𠀀")
            #expect(MailCharset.decode([0x94, 0x39, 0xFC, 0x36], label: "gb18030") == "😀")
            #expect(MailCharset.decode([0x82, 0x35, 0x8F, 0x33], label: "gbk") == "龦")
            #expect(MailCharset.decode([0x81, 0x30, 0x81, 0x30], label: "gb18030").unicodeScalars.first?.value == 0x80)
        }

        @Test func big5() {
            #expect(MailCharset.decode([0xA4, 0xA4, 0xA4, 0xE5], label: "big5") == "中文")
            #expect(MailCharset.decode([0xBB, 0x4F, 0xC6, 0x57], label: "Big5") == "臺灣")
        }

        @Test func asciiFamilyLabelsGuessUTF8ThenGB18030() {
            for label in ["us-ascii", "iso-8859-1", "windows-1252", nil] {
                #expect(MailCharset.decode(Array("快递".utf8), label: label) == "快递")
                #expect(MailCharset.decode(gbk, label: label) == "王小明")
            }
            #expect(MailCharset.decode(Array("plain".utf8), label: "us-ascii") == "plain")
        }

        @Test func latin1TextThatIsNeitherStaysLatin1() {
            // "café!" in Latin-1: 0xE9 0x21 is not a GB18030 pair.
            #expect(MailCharset.decode([0x63, 0x61, 0x66, 0xE9, 0x21], label: "iso-8859-1") == "café!")
            #expect(MailCharset.decode([0x80, 0x21], label: "windows-1252") == "€!")
        }

        @Test func otherLabelsUseTheirCharset() {
            #expect(MailCharset.decode([0x82, 0xA0], label: "shift_jis") == "あ")
            #expect(MailCharset.decode([0xB0, 0xA1], label: "euc-kr") == "가")
            #expect(MailCharset.decode([0xE1], label: "koi8-r") == "А")
            #expect(MailCharset.decode([0xA4], label: "iso-8859-15") == "€")
        }

        @Test func wrongOrUnknownLabelsFallBackToTheGuess() {
            #expect(MailCharset.decode(gbk, label: "utf-8") == "王小明")
            #expect(MailCharset.decode(Array("王".utf8), label: "x-unheard-of") == "王")
            #expect(MailCharset.decode(Array("王".utf8), label: "big5") == "王")
        }
    }
}
