/// Incoming mail for the tests of the email channel: a plain message with the headers a test names, as an
/// MTA would pipe it (LF line ends).
public enum MailSample {
    public static func message(
        from: String = "王小明 <xiaoming@example.test>", to: String = "support@shop.test",
        subject: String = "发票开错了", messageID: String? = "<m1@example.test>", inReplyTo: String? = nil,
        references: String? = nil, headers: [String] = [], body: String = "你好，发票抬头写错了。"
    ) -> [UInt8] {
        var lines = ["From: \(from)", "To: \(to)", "Subject: \(subject)", "Date: Tue, 1 Dec 2026 10:00:00 +0800"]
        if let messageID { lines.append("Message-ID: \(messageID)") }
        if let inReplyTo { lines.append("In-Reply-To: \(inReplyTo)") }
        if let references { lines.append("References: \(references)") }
        lines += headers
        lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"]
        return Array((lines.joined(separator: "\n") + "\n\n" + body + "\n").utf8)
    }

    /// A message with a text part and two attachments: `small.txt` (5 bytes) and `big.bin` (`bigSize` bytes).
    public static func withAttachments(bigSize: Int, messageID: String = "<att@example.test>") -> [UInt8] {
        let big = String(repeating: "A", count: bigSize)
        let text = """
            From: xiaoming@example.test
            To: support@shop.test
            Subject: 附件
            Message-ID: \(messageID)
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b1"

            --b1
            Content-Type: text/plain; charset=utf-8

            请看附件。
            --b1
            Content-Type: text/plain; name="small.txt"
            Content-Disposition: attachment; filename="small.txt"

            hello
            --b1
            Content-Type: application/octet-stream
            Content-Disposition: attachment; filename*=UTF-8''%E5%8F%91%E7%A5%A8.bin

            \(big)
            --b1--

            """
        return Array(text.utf8)
    }
}
