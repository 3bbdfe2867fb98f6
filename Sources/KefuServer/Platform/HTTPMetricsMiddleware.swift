import Dispatch
import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers
import Prometheus

/// Counts and times every request into the `/metrics` registry, with the names, units and help
/// texts Prometheus's own linter (`promtool check metrics`) asks for:
/// `http_server_requests_total`, `http_server_request_duration_seconds` (a histogram with buckets
/// from 1 ms, fine around the 20 ms latency target so p99 can be read off it) by route, method and
/// status, and `http_server_active_requests` by method. A response is counted when its body has
/// been written, so the time includes sending it.
struct HTTPMetricsMiddleware: RouterMiddleware {
    typealias Context = KefuRequestContext

    static let buckets: [Duration] = [1, 2, 5, 10, 15, 20, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000]
        .map { Duration.milliseconds($0) }

    private let registry: PrometheusCollectorRegistry
    private let endpoints = NIOLockedValueBox<[Endpoint: (Counter, DurationHistogram)]>([:])
    private let active = NIOLockedValueBox<[HTTPRequest.Method: Gauge]>([:])

    private struct Endpoint: Hashable {
        var route: String
        var method: HTTPRequest.Method
        var status: Int
    }

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let start = DispatchTime.now().uptimeNanoseconds
        let running = activeGauge(request.method)
        running.increment()
        do {
            var response = try await next(request, context)
            let endpoint = Endpoint(
                route: context.endpointPath ?? "NotFound", method: request.method,
                status: response.status.code)
            let body = response.body
            response.body = ResponseBody(contentLength: body.contentLength) { writer in
                defer {
                    record(endpoint, since: start)
                    running.decrement()
                }
                try await body.write(writer)
            }
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            record(
                Endpoint(route: context.endpointPath ?? "NotFound", method: request.method, status: status),
                since: start)
            running.decrement()
            throw error
        }
    }

    private func record(_ endpoint: Endpoint, since start: UInt64) {
        let (requests, duration) = metrics(for: endpoint)
        requests.increment()
        duration.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
    }

    private func metrics(for endpoint: Endpoint) -> (Counter, DurationHistogram) {
        endpoints.withLockedValue { cache in
            if let known = cache[endpoint] { return known }
            let labels = [
                ("http_route", endpoint.route), ("http_request_method", endpoint.method.rawValue),
                ("http_response_status_code", String(endpoint.status)),
            ]
            let made = (
                registry.makeCounter(descriptor: Self.requests, labels: labels),
                registry.makeDurationHistogram(descriptor: Self.duration, labels: labels, buckets: Self.buckets)
            )
            cache[endpoint] = made
            return made
        }
    }

    private func activeGauge(_ method: HTTPRequest.Method) -> Gauge {
        active.withLockedValue { cache in
            if let known = cache[method] { return known }
            let gauge = registry.makeGauge(
                descriptor: Self.activeRequests, labels: [("http_request_method", method.rawValue)])
            cache[method] = gauge
            return gauge
        }
    }

    private static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "http", subsystem: "server", metricName: "requests", unitName: "total",
            helpText: "HTTP requests answered, by route, method and status")
    }
    private static var duration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "http", subsystem: "server", metricName: "request_duration", unitName: "seconds",
            helpText: "Time from receiving a request to having sent its response")
    }
    private static var activeRequests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "http", subsystem: "server", metricName: "active_requests", unitName: "",
            helpText: "Requests being handled now")
    }
}
