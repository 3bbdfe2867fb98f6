/// The parsed form of `smtp://`, `smtps://`, `imap://` and `imaps://` URLs, so both clients read the
/// host, the credentials and the TLS mode the same way and refuse a malformed URL before connecting.
public struct MailServerURL: Sendable, Equatable {
    /// How the connection is secured.
    public enum Security: Sendable, Equatable {
        /// Plain TCP, upgraded with STARTTLS when the server offers it (`smtp://`, `imap://`).
        case startTLSWhenOffered
        /// TLS from the first byte (`smtps://`, `imaps://`).
        case implicitTLS
    }

    /// The protocol the URL names.
    public enum Service: Sendable, Equatable {
        case smtp
        case imap
    }

    public var service: Service
    public var security: Security
    public var host: String
    public var port: Int
    /// The percent-decoded user name, nil when the URL has none.
    public var user: String?
    /// The percent-decoded password, nil when the URL has none.
    public var password: String?
    /// The percent-decoded path without its leading `/`; IMAP's mailbox, `INBOX` when empty.
    public var path: String

    /// Parses `scheme://[user[:password]@]host[:port][/path]`. The host may be a bracketed IPv6
    /// literal; user, password and path are percent-decoded as UTF-8.
    public init(_ text: String) throws(MailURLError) {
        guard let schemeEnd = text.firstRange(of: "://") else { throw .notAURL }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        switch scheme {
        case "smtp": (service, security, port) = (.smtp, .startTLSWhenOffered, 25)
        case "smtps": (service, security, port) = (.smtp, .implicitTLS, 465)
        case "imap": (service, security, port) = (.imap, .startTLSWhenOffered, 143)
        case "imaps": (service, security, port) = (.imap, .implicitTLS, 993)
        default: throw .unsupportedScheme(scheme)
        }
        var rest = text[schemeEnd.upperBound...]
        var rawPath = Substring("")
        if let slash = rest.firstIndex(of: "/") {
            rawPath = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        user = nil
        password = nil
        // The last `@` ends the credentials: a password may hold an unescaped `@`.
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                user = try Self.decode(credentials[..<colon])
                password = try Self.decode(credentials[credentials.index(after: colon)...])
            } else {
                user = try Self.decode(credentials)
            }
        }
        var hostPart = rest
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw .badHost(String(rest)) }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            hostPart = rest[rest.index(after: close)...]
            if !hostPart.isEmpty && !hostPart.hasPrefix(":") { throw .badHost(String(rest)) }
        } else if let colon = rest.firstIndex(of: ":") {
            host = String(rest[..<colon])
            hostPart = rest[colon...]
        } else {
            host = String(rest)
            hostPart = ""
        }
        guard !host.isEmpty else { throw .badHost(String(rest)) }
        if hostPart.hasPrefix(":") {
            guard let number = Int(hostPart.dropFirst()), (1...65535).contains(number) else {
                throw .badPort(String(hostPart.dropFirst()))
            }
            port = number
        }
        let decodedPath = try Self.decode(rawPath)
        path = decodedPath.isEmpty && service == .imap ? "INBOX" : decodedPath
    }

    /// Whether the host is a loopback address or `localhost`: the one place credentials may travel
    /// without TLS, when the server offers none.
    public var isLoopback: Bool {
        let name = host.lowercased()
        return name == "localhost" || name.hasPrefix("127.") || name == "::1"
    }

    /// Whether credentials may be sent on a connection to this server: over TLS always; without TLS
    /// only when the server offered none and the host is loopback (a local MTA or test server).
    public func allowsCredentials(overTLS: Bool, tlsOffered: Bool) -> Bool {
        overTLS || (!tlsOffered && isLoopback)
    }

    /// The URL with the password replaced, fit for logs.
    public var redacted: String {
        let scheme =
            switch (service, security) {
            case (.smtp, .startTLSWhenOffered): "smtp"
            case (.smtp, .implicitTLS): "smtps"
            case (.imap, .startTLSWhenOffered): "imap"
            case (.imap, .implicitTLS): "imaps"
            }
        let who = user.map { "\($0)\(password == nil ? "" : ":***")@" } ?? ""
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(who)\(shownHost):\(port)\(path.isEmpty ? "" : "/\(path)")"
    }

    private static func decode(_ text: Substring) throws(MailURLError) -> String {
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                let first = utf8.index(after: index)
                guard first != utf8.endIndex, utf8.index(after: first) != utf8.endIndex,
                    let high = hexValue(utf8[first]), let low = hexValue(utf8[utf8.index(after: first)])
                else { throw .badPercentEncoding(String(text)) }
                bytes.append(high << 4 | low)
                index = utf8.index(first, offsetBy: 2)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw .badPercentEncoding(String(text))
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
