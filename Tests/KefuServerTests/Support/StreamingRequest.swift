import NIOCore
import NIOPosix

/// A bare HTTP/1.1 GET for a response that does not end (Server-Sent Events), which the test clients cannot read
/// since they wait for the whole body: `body` reads the raw response text as it arrives, head and chunk sizes
/// included, and the connection closes when it returns.
enum StreamingRequest {
    final class Reader {
        private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        /// Everything read so far.
        private(set) var text = ""

        init(_ inbound: NIOAsyncChannelInboundStream<ByteBuffer>) { self.inbound = inbound.makeAsyncIterator() }

        /// Reads until the text holds `marker`; returns what came after the previous read.
        func read(until marker: String) async throws -> String {
            let start = text.endIndex
            while !text[start...].contains(marker) {
                guard let chunk = try await inbound.next() else { throw Closed(marker: marker, text: text) }
                text += String(buffer: chunk)
            }
            return String(text[start...])
        }
    }

    struct Closed: Error {
        var marker: String
        var text: String
    }

    /// `cookie` is sent as the `Cookie` header (a staff page's stream needs the session).
    static func get<T: Sendable>(
        port: Int, _ path: String, cookie: String? = nil, _ body: (Reader) async throws -> T
    ) async throws -> T {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(
                ByteBuffer(
                    string: "GET \(path) HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                        + (cookie.map { "Cookie: \($0)\r\n" } ?? "") + "\r\n"))
            return try await body(Reader(inbound))
        }
    }
}
