import Foundation
import HTTPTypes
import Hummingbird
import KefuStore
import NIOCore
import ServiceLifecycle

/// A Server-Sent Events response that streams one live-updates topic to a page (DESIGN.md "Live updates"):
/// `text/event-stream`, never cached nor buffered by a proxy, a `retry:` line first, then an `event:`/`data:` frame
/// per event and a comment every 15 s so proxies keep the connection and a gone client is noticed at the next
/// write. It subscribes when the body starts, and ends when the client goes away, the subscription ends, or the
/// server shuts down gracefully (an open stream would otherwise hold the shutdown).
enum ServerSentEvents {
    static let keepAliveInterval = Duration.seconds(15)
    /// How long a browser waits before reconnecting a dropped stream.
    static let retryMilliseconds = 3000

    static func response(_ live: LiveUpdates, topic: String) -> Response {
        let body = ResponseBody { writer in
            // Subscribed before `retry:` goes out: a client that read it misses nothing published after.
            let events = live.subscribe(topic)
            let (frames, output) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(8))
            try await withGracefulShutdownHandler {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await event in events { output.yield(frame(event)) }
                        output.finish()
                    }
                    group.addTask {
                        while true {
                            try await Task.sleep(for: keepAliveInterval)
                            output.yield(": keep-alive\n\n")
                        }
                    }
                    // A failed write (the client went away) leaves the group, which cancels both tasks and so
                    // ends the subscription.
                    try await writer.write(ByteBuffer(string: "retry: \(retryMilliseconds)\n\n"))
                    for await frame in frames { try await writer.write(ByteBuffer(string: frame)) }
                    group.cancelAll()
                }
            } onGracefulShutdown: {
                output.finish()
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store", accelBuffering: "no",
            ],
            body: body)
    }

    /// `event: <kind>` and `data: <the event's data as JSON>`; JSON escapes line breaks, so it is one line.
    static func frame(_ event: LiveUpdates.Event) -> String {
        let data = (try? encoder.encode(event.data)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "event: \(event.kind)\ndata: \(data)\n\n"
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    /// nginx buffers proxied responses unless told not to.
    private static let accelBuffering = HTTPField.Name("X-Accel-Buffering")!
}
