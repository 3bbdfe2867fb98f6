import Testing

@testable import KefuMailNet

@Suite struct MailServerURLTests {
    @Test func readsAnIMAPSURLWithPercentEncodedParts() throws {
        let url = try MailServerURL(
            "imaps://support%40example.com:p%40ss%3Aw%2Fd@mail.example.com:1993/%E6%94%B6%E4%BB%B6")
        #expect(url.service == .imap)
        #expect(url.security == .implicitTLS)
        #expect(url.user == "support@example.com")
        #expect(url.password == "p@ss:w/d")
        #expect(url.host == "mail.example.com")
        #expect(url.port == 1993)
        #expect(url.path == "收件")
    }

    @Test func defaultsPortsAndTheMailbox() throws {
        #expect(try MailServerURL("smtp://relay.example.com").port == 25)
        #expect(try MailServerURL("smtps://relay.example.com").port == 465)
        #expect(try MailServerURL("imap://u:p@h").port == 143)
        let imaps = try MailServerURL("IMAPS://u:p@h/")
        #expect(imaps.port == 993)
        #expect(imaps.path == "INBOX")
        #expect(try MailServerURL("smtp://h").security == .startTLSWhenOffered)
    }

    @Test func takesTheLastAtSignAsTheEndOfTheCredentials() throws {
        let url = try MailServerURL("smtp://user:p@ss@127.0.0.1:2525")
        #expect(url.user == "user")
        #expect(url.password == "p@ss")
        #expect(url.host == "127.0.0.1")
        #expect(url.port == 2525)
        #expect(url.password != nil && url.user != nil)
    }

    @Test func readsABracketedIPv6Host() throws {
        let url = try MailServerURL("smtp://[::1]:2525")
        #expect(url.host == "::1")
        #expect(url.port == 2525)
        #expect(url.isLoopback)
    }

    @Test func refusesMalformedURLs() {
        #expect(throws: MailURLError.unsupportedScheme("http")) { try MailServerURL("http://h") }
        #expect(throws: MailURLError.notAURL) { try MailServerURL("mail.example.com") }
        #expect(throws: MailURLError.badPort("99999")) { try MailServerURL("smtp://h:99999") }
        #expect(throws: MailURLError.badPort("x")) { try MailServerURL("smtp://h:x") }
        #expect(throws: MailURLError.badHost("")) { try MailServerURL("smtp://u:p@") }
        #expect(throws: MailURLError.badPercentEncoding("a%2")) { try MailServerURL("imap://a%2:p@h") }
    }

    @Test func redactsThePassword() throws {
        let url = try MailServerURL("imaps://me:secret@h/INBOX")
        #expect(url.redacted == "imaps://me:***@h:993/INBOX")
        #expect(try MailServerURL("smtp://[::1]").redacted == "smtp://[::1]:25")
    }

    @Test func sendsCredentialsOnlyOverTLSOrToALoopbackServerWithoutTLS() throws {
        let local = try MailServerURL("smtp://u:p@127.0.0.1:2525")
        let remote = try MailServerURL("smtp://u:p@mail.example.com")
        #expect(local.allowsCredentials(overTLS: true, tlsOffered: true))
        #expect(local.allowsCredentials(overTLS: false, tlsOffered: false))
        #expect(!local.allowsCredentials(overTLS: false, tlsOffered: true))
        #expect(remote.allowsCredentials(overTLS: true, tlsOffered: true))
        #expect(!remote.allowsCredentials(overTLS: false, tlsOffered: false))
    }

    @Test func clientsTakeOnlyTheirOwnSchemes() throws {
        #expect(throws: MailURLError.wrongService("smtp or smtps")) {
            try SMTPClient(url: MailServerURL("imap://u:p@h"))
        }
        #expect(throws: MailURLError.wrongService("imap or imaps")) {
            try IMAPClient(url: MailServerURL("smtp://h"))
        }
        #expect(throws: MailURLError.missingCredentials) { try IMAPClient(url: MailServerURL("imaps://h")) }
    }
}
