/// The automatic answer to a new ticket (issue 16 §2), per language: it names the ticket's number, so the
/// customer's answer threads back even from a mailer that drops `In-Reply-To`.
public enum MailAcknowledgement {
    public static func text(language: MailLanguage, number: TicketNumber, signature: String) -> String {
        let body =
            switch language {
            case .zhHans:
                "您好！\n\n我们已收到您的来信，工单号 \(number)。客服人员会尽快回复您。\n回复本邮件即可补充信息，请保留主题中的工单号。\n\n此邮件为自动回复。"
            case .en:
                "Hello,\n\nWe have received your message as ticket \(number). Someone from our team will answer soon.\nReply to this mail to add anything; please keep the ticket number in the subject.\n\nThis is an automatic reply."
            }
        return signature.isEmpty ? body : body + "\n\n-- \n" + signature
    }
}
