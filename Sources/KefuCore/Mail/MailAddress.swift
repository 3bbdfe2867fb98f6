/// A mailbox as a header names it: an optional display name and the addr-spec, lower-cased because
/// customers are found by address and mail systems treat addresses without regard to case.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    /// The display name, decoded (quotes, escapes and RFC 2047 words undone); nil when absent.
    public var name: String?
    /// The addr-spec (`wang@example.com`), lower-cased.
    public var address: String

    public init(name: String? = nil, address: String) {
        self.name = name?.isBlank == true ? nil : name
        self.address = address.lowercased()
    }

    public var description: String { name.map { "\($0) <\(address)>" } ?? address }

    /// The mailboxes of an address-list header (`From`, `To`, `Cc`, `Reply-To`): `Name <a@b>`,
    /// `"Wang, Xiaoming" <a@b>`, `=?GBK?B?…?= <a@b>`, a bare `a@b`, `a@b (Name)`, and groups
    /// (`Team: a@b, c@d;`, whose members are listed). Entries without an `@` are dropped.
    public static func list(_ header: String) -> [MailAddress] {
        var addresses: [MailAddress] = []
        var phrase = ""
        var comment = ""
        var angle: String?
        var inAngle = false
        var quoted = false
        var escaped = false
        var depth = 0
        func finish() {
            let spec = (angle ?? phrase).trimmingWhitespace()
            let rawName = angle != nil ? phrase : comment
            let name = EncodedWords.decode(rawName.split(whereSeparator: \.isWhitespace).joined(separator: " "))
            if !spec.contains(" "), spec.contains("@") {
                addresses.append(MailAddress(name: name.nilIfEmpty, address: spec))
            }
            (phrase, comment, angle) = ("", "", nil)
        }
        for character in header {
            if escaped {
                escaped = false
                if depth > 0 {
                    comment.append(character)
                } else if inAngle {
                    angle?.append(character)
                } else {
                    phrase.append(character)
                }
                continue
            }
            if character == "\\", quoted || depth > 0 {
                escaped = true
            } else if quoted {
                if character == "\"" { quoted = false } else { phrase.append(character) }
            } else if depth > 0 {
                if character == ")" { depth -= 1 } else if character == "(" { depth += 1 }
                if depth > 0 { comment.append(character) }
            } else if character == "(" {
                depth = 1
            } else if inAngle {
                if character == ">" { inAngle = false } else if !character.isWhitespace { angle?.append(character) }
            } else {
                switch character {
                case "\"": quoted = true
                case "<":
                    inAngle = true
                    angle = ""
                case ",", ";": finish()
                case ":": phrase = ""  // a group's name; its members follow
                default: phrase.append(character)
                }
            }
        }
        finish()
        return addresses
    }
}
