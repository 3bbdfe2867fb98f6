@testable import KefuCore
import Testing

extension MailTests {
    @Suite struct MailNoiseTests {
        static func classify(_ headers: String, mailbox: String? = "support@example.com") throws -> MailNoise? {
            try MailNoise.classify(
                MailMessage(parsing: Array("From: Wang <wang@example.com>\n\(headers)\n\nhi".utf8)), mailbox: mailbox)
        }

        @Test func personalMailIsNotNoise() throws {
            #expect(try Self.classify("Subject: help") == nil)
            #expect(try Self.classify("Auto-Submitted: no") == nil)
            #expect(try Self.classify("Auto-Submitted: No (a person)") == nil)
            #expect(try Self.classify("Precedence: first-class") == nil)
        }

        @Test func automaticMail() throws {
            #expect(try Self.classify("Auto-Submitted: auto-replied") == .autoSubmitted("auto-replied"))
            #expect(
                try Self.classify("Auto-Submitted: auto-generated; owner-email=x@y")
                    == .autoSubmitted("auto-generated; owner-email=x@y"))
            #expect(try Self.classify("X-Autoreply: yes") == .autoSubmitted("yes"))
        }

        @Test func bulkJunkAndListPrecedence() throws {
            for value in ["bulk", "Junk", "list"] {
                #expect(try Self.classify("Precedence: \(value)") == .precedence(value))
            }
        }

        @Test func bounces() throws {
            #expect(
                try Self.classify("Content-Type: multipart/report; report-type=delivery-status; boundary=x") == .bounce)
            #expect(try Self.classify("Return-Path: < >") == .bounce)
            let daemon = try MailMessage(parsing: Array("From: MAILER-DAEMON@qq.com\n\nx".utf8))
            #expect(MailNoise.classify(daemon, mailbox: nil) == .bounce)
        }

        @Test func ownAddress() throws {
            #expect(try Self.classify("Subject: x", mailbox: " Wang@Example.com ") == .ownAddress("wang@example.com"))
            #expect(try Self.classify("Subject: x", mailbox: nil) == nil)
        }

        @Test func reasonsReadAsOneLine() {
            #expect(MailNoise.bounce.description == "ignored: delivery report (bounce)")
            #expect(!MailNoise.autoSubmitted("auto-replied").description.contains("\n"))
        }
    }
}
