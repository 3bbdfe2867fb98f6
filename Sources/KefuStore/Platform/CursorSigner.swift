import Crypto
public import Foundation
public import KefuCore

/// Signs the page cursors the server hands out and accepts only those, so a client cannot make
/// the server resume at a value of its choosing: a token is `payload.mac`, the mac an HMAC-SHA256
/// of the payload with a secret created at migration and kept in the database (`server_secrets`),
/// so every instance sharing one database accepts the others' cursors.
public struct CursorSigner: Sendable {
    let key: SymmetricKey

    /// A signer with `secret` (the server takes its own from the database; tests make one).
    public init(secret: Data) { key = SymmetricKey(data: secret) }

    /// The token a client sends back as `cursor=` to get the next page.
    public func token(for cursor: PageCursor) -> String {
        let payload = cursor.payload
        return payload + "." + Base64URL.encode(Data(mac(payload)))
    }

    /// The cursor a token carries; nil when this server did not sign it (or its time is out of range).
    public func cursor(from token: String) -> PageCursor? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let sent = Base64URL.decode(parts[1]),
            HMAC<SHA256>.isValidAuthenticationCode(sent, authenticating: Data(parts[0].utf8), using: key)
        else { return nil }
        return PageCursor(payload: parts[0])
    }

    private func mac(_ payload: String) -> HashedAuthenticationCode<SHA256> {
        HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: key)
    }
}
