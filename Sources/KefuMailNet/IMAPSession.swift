import NIOSSL

/// A logged-in IMAP connection with its mailbox selected; valid only inside
/// `IMAPClient.withSession`. Messages are named by UID, which stays stable across sessions.
public final class IMAPSession {
    private let connection: MailConnection
    private var nextTag = 1

    init(connection: MailConnection) {
        self.connection = connection
    }

    /// The UIDs of the messages without the `\Seen` flag, oldest first.
    public func unseenUIDs() async throws -> [Int] {
        let responses = try await run(IMAPCommand("UID SEARCH UNSEEN"))
        return
            responses
            .filter { $0.keyword == "SEARCH" }
            .flatMap { $0.text.split(separator: " ").dropFirst().compactMap { Int($0) } }
            .sorted()
    }

    /// The message's raw bytes, exactly as stored, without setting `\Seen`; nil when no message
    /// has this UID any more.
    public func fetch(uid: Int) async throws -> [UInt8]? {
        let responses = try await run(IMAPCommand("UID FETCH \(uid) BODY.PEEK[]"))
        let fetches = responses.filter { $0.keyword == "FETCH" && ($0.number(after: "UID") ?? uid) == uid }
        guard let answer = fetches.first(where: { !$0.literals.isEmpty }) else {
            if fetches.contains(where: { $0.text.uppercased().contains("BODY[]") }) {
                throw IMAPError(.protocolError, "the FETCH answer for UID \(uid) has no message literal")
            }
            return nil
        }
        return answer.literals[answer.literals.count - 1]
    }

    /// Sets `\Seen` on the message.
    public func markSeen(uid: Int) async throws {
        try await run(IMAPCommand("UID STORE \(uid) +FLAGS.SILENT (\\Seen)"))
    }

    /// Reads the greeting, upgrades to TLS when the URL and the server allow it, logs in and
    /// selects the mailbox.
    func open(url: MailServerURL, context: NIOSSLContext) async throws {
        let greeting = try await read()
        guard greeting.kind == .untagged, greeting.keyword == "OK" || greeting.keyword == "PREAUTH" else {
            throw IMAPError(.refused, "the server greeted with: \(greeting.text)")
        }
        var capabilities = try await capabilities()
        var overTLS = url.security == .implicitTLS
        let tlsOffered = capabilities.contains("STARTTLS")
        if !overTLS && tlsOffered {
            try await run(IMAPCommand("STARTTLS"))
            try await connection.startTLS(context, host: url.host)
            overTLS = true
            capabilities = try await self.capabilities()
        }
        if greeting.keyword == "OK" {
            guard url.allowsCredentials(overTLS: overTLS, tlsOffered: tlsOffered) else {
                throw IMAPError(
                    .configuration,
                    "\(url.host) offers no TLS and is not loopback: refusing to send the password in clear")
            }
            guard !capabilities.contains("LOGINDISABLED") else {
                throw IMAPError(.configuration, "\(url.host) does not allow LOGIN on this connection")
            }
            try await run(IMAPCommand("LOGIN").string(url.user ?? "").string(url.password ?? ""))
        }
        try await run(IMAPCommand("SELECT").string(IMAPMailboxName.encode(url.path)))
    }

    private func capabilities() async throws -> Set<String> {
        let responses = try await run(IMAPCommand("CAPABILITY"))
        let words = responses.filter { $0.keyword == "CAPABILITY" }.flatMap {
            $0.text.uppercased().split(separator: " ")
        }
        return Set(words.map(String.init))
    }

    /// Sends a command (waiting for the server's `+` before each literal) and reads until its tagged
    /// answer; returns the untagged responses that came before it. NO and BAD throw.
    @discardableResult
    func run(_ command: IMAPCommand) async throws -> [IMAPResponse] {
        let tag = "K\(nextTag)"
        nextTag += 1
        var untagged: [IMAPResponse] = []
        var pending = tag + " "
        for part in command.parts {
            switch part {
            case .text(let text):
                pending += text
            case .literal(let bytes):
                try await connection.write(Array((pending + "\r\n").utf8))
                pending = ""
                try await awaitTagged(tag, command: command, into: &untagged, orContinuation: true)
                try await connection.write(bytes)
            }
        }
        try await connection.write(Array((pending + "\r\n").utf8))
        try await awaitTagged(tag, command: command, into: &untagged, orContinuation: false)
        return untagged
    }

    /// Reads responses into `untagged` until the tagged answer to `tag` (or a continuation, when
    /// one is what the command waits for).
    private func awaitTagged(
        _ tag: String, command: IMAPCommand, into untagged: inout [IMAPResponse], orContinuation: Bool
    ) async throws {
        while true {
            let response = try await read()
            switch response.kind {
            case .untagged:
                if response.keyword == "BYE" && command.name != "LOGOUT" {
                    throw IMAPError(.connection, "the server closed the session: \(response.text)")
                }
                untagged.append(response)
            case .continuation:
                if orContinuation { return }
            case .tagged(let answered, let status):
                guard answered == tag else { continue }
                guard status == .ok else {
                    throw IMAPError(.refused, "\(command.name) → \(status.rawValue) \(response.text)")
                }
                if orContinuation {
                    throw IMAPError(.protocolError, "\(command.name) ended before its literal was sent")
                }
                return
            }
        }
    }

    private func read() async throws -> IMAPResponse {
        try await connection.read { bytes throws(IMAPError) in try IMAPResponse.parse(&bytes) }
    }
}
