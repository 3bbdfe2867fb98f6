import HTTPTypes
import Hummingbird
import NIOCore

/// Finds the address of the person calling, for login throttling: the peer's address, or — only
/// when the peer is one of the configured `--trusted-proxy` addresses — the nearest address in
/// `X-Forwarded-For` that is not itself a trusted proxy. A header from anyone else is ignored, so
/// a client cannot pick its own address to dodge the throttle.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = KefuRequestContext
    let trustedProxies: Set<String>

    init(trustedProxies: [String]) {
        self.trustedProxies = Set(trustedProxies.compactMap(Self.canonical))
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var context = context
        context.clientAddress = clientAddress(
            peer: context.peerAddress, forwardedFor: request.headers[values: .xForwardedFor])
        return try await next(request, context)
    }

    func clientAddress(peer: String?, forwardedFor: [String]) -> String? {
        guard let peer, trustedProxies.contains(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        var client = peer
        for hop in hops.reversed() {
            guard let address = Self.canonical(hop) else { break }
            client = address
            if !trustedProxies.contains(address) { break }
        }
        return client
    }

    /// One spelling per address (`::ffff:127.0.0.1` is `127.0.0.1`), nil for anything but an IP address.
    static func canonical(_ text: some StringProtocol) -> String? {
        var text = String(text)
        if text.lowercased().hasPrefix("::ffff:"), text.contains(".") { text.removeFirst(7) }
        return (try? SocketAddress(ipAddress: text, port: 0))?.ipAddress
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
