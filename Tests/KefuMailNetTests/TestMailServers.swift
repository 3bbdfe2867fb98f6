import Foundation
import Testing

@testable import KefuMailNet

/// The private Postfix and Dovecot that scripts/test.sh starts (scripts/lib/mail.sh), read from the
/// environment; nil — with the reason printed — when they are not running, so the tests skip.
struct TestMailServers {
    var smtp: MailServerURL
    var smtps: MailServerURL?
    /// STARTTLS, then AUTH, both required; the URL has support@example.test's credentials.
    var smtpAuth: MailServerURL?
    /// No TLS offered, AUTH required; the same credentials.
    var smtpPlainAuth: MailServerURL?
    var imap: MailServerURL
    var imaps: MailServerURL?
    var tls: MailTLS

    static func fromEnvironment(for test: String = #function) -> TestMailServers? {
        let environment = ProcessInfo.processInfo.environment
        guard let smtp = environment["KEFU_TEST_SMTP_URL"], let imap = environment["KEFU_TEST_IMAP_URL"] else {
            print("\(test): skipped, KEFU_TEST_SMTP_URL and KEFU_TEST_IMAP_URL are not set (scripts/test.sh sets them)")
            return nil
        }
        do {
            return TestMailServers(
                smtp: try MailServerURL(smtp),
                smtps: try environment["KEFU_TEST_SMTPS_URL"].map { try MailServerURL($0) },
                smtpAuth: try environment["KEFU_TEST_SMTP_AUTH_URL"].map { try MailServerURL($0) },
                smtpPlainAuth: try environment["KEFU_TEST_SMTP_PLAIN_AUTH_URL"].map { try MailServerURL($0) },
                imap: try MailServerURL(imap),
                imaps: try environment["KEFU_TEST_IMAPS_URL"].map { try MailServerURL($0) },
                tls: MailTLS(trustedCAFile: environment["KEFU_TEST_MAIL_CA"]))
        } catch {
            Issue.record("bad test mail server URL: \(error)")
            return nil
        }
    }

    /// The IMAP URL of another mailbox on the same server (the test users share one password).
    func imap(_ url: MailServerURL, user: String) -> MailServerURL {
        var other = url
        other.user = user
        return other
    }

    /// A message with a unique token in its subject and body, CRLF line ends, a line that needs
    /// dot-stuffing and 8-bit UTF-8 text.
    static func message(token: String, to recipient: String) -> [UInt8] {
        let text = """
            From: Kefu Test <support@example.test>\r
            To: <\(recipient)>\r
            Subject: test \(token)\r
            Message-ID: <\(token)@kefu.test>\r
            Date: Thu, 03 Dec 2026 12:00:00 +0000\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: 8bit\r
            \r
            你好 \(token)\r
            .a line that starts with a dot\r
            .\r
            end\r

            """
        return Array(text.utf8)
    }

    /// Waits (a bounded number of short polls) until the mailbox has an unseen message holding
    /// `token` and returns its UID and bytes; Postfix delivers a moment after it accepted.
    static func awaitMessage(token: String, client: IMAPClient) async throws -> (uid: Int, bytes: [UInt8])? {
        for _ in 0..<60 {
            let found = try await client.withSession { session -> (uid: Int, bytes: [UInt8])? in
                for uid in try await session.unseenUIDs().reversed() {
                    if let bytes = try await session.fetch(uid: uid), bytes.contains(token) {
                        return (uid, bytes)
                    }
                }
                return nil
            }
            if let found { return found }
            try await Task.sleep(for: .milliseconds(250))
        }
        return nil
    }
}

extension [UInt8] {
    func contains(_ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard needle.count <= count else { return false }
        return (0...(count - needle.count)).contains { self[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
