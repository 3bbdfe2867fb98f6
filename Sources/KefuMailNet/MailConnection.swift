import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// One TCP (optionally TLS) connection to a mail server, read through pure parsers: the SMTP and
/// IMAP clients hand it a function that takes a complete response off the front of the bytes read
/// so far, and it reads more until there is one, or the reply timeout passes.
final class MailConnection {
    private let channel: any Channel
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let replyTimeout: TimeAmount
    private var unread: [UInt8] = []
    /// The longest response kept in memory while it is incomplete (a fetched message included).
    static let responseLimit = 64 << 20

    private init(
        channel: any Channel,
        inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        replyTimeout: TimeAmount
    ) {
        self.channel = channel
        self.inbound = inbound
        self.outbound = outbound
        self.replyTimeout = replyTimeout
    }

    /// Connects, runs `body` on the connection and closes it, also when `body` throws.
    static func withConnection<Result: Sendable>(
        host: String,
        port: Int,
        implicitTLS: NIOSSLContext?,
        connectTimeout: Duration,
        replyTimeout: Duration,
        _ body: (MailConnection) async throws -> Result
    ) async throws -> Result {
        let serverName = MailTLS.serverName(for: host)
        let asyncChannel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            asyncChannel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(TimeAmount(connectTimeout))
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let implicitTLS {
                            try channel.pipeline.syncOperations.addHandler(
                                NIOSSLClientHandler(context: implicitTLS, serverHostname: serverName))
                        }
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw MailConnectionError.connectFailed(host: host, port: port, reason: "\(error)")
        }
        return try await asyncChannel.executeThenClose { inbound, outbound in
            let connection = MailConnection(
                channel: asyncChannel.channel, inbound: inbound.makeAsyncIterator(), outbound: outbound,
                replyTimeout: TimeAmount(replyTimeout))
            return try await body(connection)
        }
    }

    /// Sends bytes as they are.
    func write(_ bytes: some Sequence<UInt8>) async throws {
        do {
            try await outbound.write(ByteBuffer(bytes: bytes))
        } catch {
            throw MailConnectionError.closedByServer
        }
    }

    /// Reads until `parse` takes a complete response off the front of the unread bytes. `parse`
    /// returns nil (leaving the bytes alone) while the response is incomplete.
    func read<Response>(_ parse: (inout [UInt8]) throws -> Response?) async throws -> Response {
        while true {
            if let response = try parse(&unread) {
                return response
            }
            guard unread.count <= Self.responseLimit else {
                throw MailConnectionError.responseTooLong(limit: Self.responseLimit)
            }
            unread.append(contentsOf: try await nextChunk())
        }
    }

    /// Starts TLS on the open connection (after the server accepted STARTTLS). The handshake runs
    /// before the next bytes written go out.
    func startTLS(_ context: NIOSSLContext, host: String) async throws {
        let serverName = MailTLS.serverName(for: host)
        let channel = self.channel
        try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(
                NIOSSLClientHandler(context: context, serverHostname: serverName), position: .first)
        }.get()
    }

    private func nextChunk() async throws -> ByteBufferView {
        let timedOut = NIOLockedValueBox(false)
        let channel = self.channel
        let timer = channel.eventLoop.scheduleTask(in: replyTimeout) {
            timedOut.withLockedValue { $0 = true }
            channel.close(promise: nil)
        }
        defer { timer.cancel() }
        let chunk: ByteBuffer?
        do {
            chunk = try await inbound.next()
        } catch let error as NIOSSLError {
            throw MailConnectionError.tls("\(error)")
        } catch let error as NIOSSLExtraError {
            throw MailConnectionError.tls("\(error)")
        } catch {
            if timedOut.withLockedValue({ $0 }) { throw MailConnectionError.timedOut(seconds: replyTimeout.seconds) }
            throw MailConnectionError.closedByServer
        }
        guard let chunk else {
            if timedOut.withLockedValue({ $0 }) { throw MailConnectionError.timedOut(seconds: replyTimeout.seconds) }
            throw MailConnectionError.closedByServer
        }
        return chunk.readableBytesView
    }
}

extension TimeAmount {
    fileprivate var seconds: Int64 { nanoseconds / 1_000_000_000 }
}
