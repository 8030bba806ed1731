import NIOConcurrencyHelpers

/// The counters of `/metrics` (server.md §9), rendered in the Prometheus text format. Kept by hand rather than
/// through swift-metrics: a handful of labelled counters and one histogram do not earn two more packages.
final class ServerMetrics: Sendable {
    private struct State {
        var requests: [String: Int64] = [:]
        var durationBuckets: [String: [Int64]] = [:]
        var durationSum: [String: Double] = [:]
        var durationCount: [String: Int64] = [:]
        var received: [String: Int64] = [:]
        var inserted: [String: Int64] = [:]
        var rejections: [String: Int64] = [:]
        var storeSeconds: [String: Double] = [:]
        var openStreams: Int64 = 0
        var leasesHeld: Int64 = 0
    }

    static let bucketBounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]
    private let state = NIOLockedValueBox(State())

    func recordRequest(route: String, method: String, status: Int, seconds: Double) {
        state.withLockedValue { state in
            state.requests["route=\"\(route)\",method=\"\(method)\",status=\"\(status)\"", default: 0] += 1
            var buckets = state.durationBuckets[route] ?? Array(repeating: 0, count: Self.bucketBounds.count)
            for (index, bound) in Self.bucketBounds.enumerated() where seconds <= bound { buckets[index] += 1 }
            state.durationBuckets[route] = buckets
            state.durationSum[route, default: 0] += seconds
            state.durationCount[route, default: 0] += 1
        }
    }

    func recordAppend(kind: String, received: Int, inserted: Int) {
        state.withLockedValue { state in
            state.received[kind, default: 0] += Int64(received)
            state.inserted[kind, default: 0] += Int64(inserted)
        }
    }

    func recordRejection(_ reason: String) { state.withLockedValue { $0.rejections[reason, default: 0] += 1 } }

    func recordStoreTime(_ operation: String, seconds: Double) {
        state.withLockedValue { $0.storeSeconds[operation, default: 0] += seconds }
    }

    func streamOpened() { state.withLockedValue { $0.openStreams += 1 } }
    func streamClosed() { state.withLockedValue { $0.openStreams -= 1 } }
    func setLeasesHeld(_ count: Int) { state.withLockedValue { $0.leasesHeld = Int64(count) } }

    /// The exposition text, with each key's last use.
    func render(lastKeyUse: [String: Int64], bodyBytesInFlight: Int) -> String {
        let state = self.state.withLockedValue { $0 }
        var lines: [String] = []
        func family(_ name: String, _ type: String, _ help: String) {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) \(type)")
        }
        family("relayburn_http_requests_total", "counter", "HTTP requests by route template, method and status.")
        for (labels, count) in state.requests.sorted(by: { $0.key < $1.key }) {
            lines.append("relayburn_http_requests_total{\(labels)} \(count)")
        }
        family("relayburn_http_request_duration_seconds", "histogram", "Time from request head to response head.")
        for route in state.durationBuckets.keys.sorted() {
            let buckets = state.durationBuckets[route] ?? []
            for (index, bound) in Self.bucketBounds.enumerated() {
                lines.append(
                    "relayburn_http_request_duration_seconds_bucket{route=\"\(route)\",le=\"\(bound)\"} \(buckets[index])"
                )
            }
            let count = state.durationCount[route] ?? 0
            lines.append("relayburn_http_request_duration_seconds_bucket{route=\"\(route)\",le=\"+Inf\"} \(count)")
            lines.append(
                "relayburn_http_request_duration_seconds_sum{route=\"\(route)\"} \(state.durationSum[route] ?? 0)")
            lines.append("relayburn_http_request_duration_seconds_count{route=\"\(route)\"} \(count)")
        }
        func counters(_ name: String, _ help: String, label: String, _ values: [String: Int64]) {
            family(name, "counter", help)
            for (key, count) in values.sorted(by: { $0.key < $1.key }) {
                lines.append("\(name){\(label)=\"\(key)\"} \(count)")
            }
        }
        counters(
            "relayburn_records_received_total", "Records received in appends, by kind.", label: "kind", state.received)
        counters("relayburn_records_inserted_total", "Records that were new, by kind.", label: "kind", state.inserted)
        counters(
            "relayburn_records_duplicate_total", "Records already stored, by kind.", label: "kind",
            state.received.reduce(into: [:]) { result, entry in
                result[entry.key] = entry.value - (state.inserted[entry.key] ?? 0)
            })
        counters("relayburn_rejections_total", "Refused requests by error code.", label: "reason", state.rejections)
        family("relayburn_store_seconds_total", "counter", "Time spent in the backing store, by operation.")
        for (operation, seconds) in state.storeSeconds.sorted(by: { $0.key < $1.key }) {
            lines.append("relayburn_store_seconds_total{operation=\"\(operation)\"} \(seconds)")
        }
        family("relayburn_open_streams", "gauge", "NDJSON streams being written.")
        lines.append("relayburn_open_streams \(state.openStreams)")
        family("relayburn_body_bytes_in_flight", "gauge", "Request-body bytes held by requests being handled.")
        lines.append("relayburn_body_bytes_in_flight \(bodyBytesInFlight)")
        family("relayburn_leases_held", "gauge", "Leases currently granted by this replica.")
        lines.append("relayburn_leases_held \(state.leasesHeld)")
        family("relayburn_api_key_last_used_seconds", "gauge", "When each key was last used (Unix time).")
        for (name, ms) in lastKeyUse.sorted(by: { $0.key < $1.key }) {
            lines.append("relayburn_api_key_last_used_seconds{key=\"\(name)\"} \(Double(ms) / 1000)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
