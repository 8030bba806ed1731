import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import RelayburnLedger
import RelayburnSchema
import RelayburnWire

/// Sends requests to one relayburn server with the retries of server.md §8, and turns what comes back into
/// replies or ``HTTPStoreError``s that name the route and the redacted server URL, never the key.
struct HTTPTransport: Sendable {
    let client: HTTPClient
    let server: ServerURL
    /// Sent as `Authorization: Bearer …`; never written into a message.
    let apiKey: String?
    let options: HTTPStoreOptions
    /// Told of each retry (what failed, the pause), so a command waiting on an unreachable server says so.
    var onRetry: (@Sendable (String) -> Void)? = nil

    /// What one attempt came to: a result, or a failure worth retrying after an optional `Retry-After`.
    enum Attempt<Value: Sendable>: Sendable {
        case done(Value)
        case retry(failure: String, retryAfter: Duration?)
    }

    /// Sends `request` until it gets an answer, and returns it read whole.
    ///
    /// - Parameters:
    ///   - accepting: Non-2xx statuses the caller handles itself (409 for locks, 413 for appends).
    ///   - budget: The retry budget, when not ``HTTPStoreOptions/retryBudget``.
    ///   - ndjson: Whether a 2xx body is NDJSON, which a break can leave ending inside a line: that is retried.
    /// - Throws: ``HTTPStoreError`` `unauthorized` for 401, `rejected` for other statuses retrying cannot change,
    ///   `retriesExhausted` when the budget is spent; `CancellationError`.
    func send(
        _ request: WireRequest, accepting: Set<Int> = [], budget: Duration? = nil, ndjson: Bool = false
    ) async throws -> WireReply {
        var schedule = options.retrySchedule(budget: budget)
        return try await retrying(request, schedule: &schedule) { response -> Attempt<WireReply> in
            let status = Int(response.status.code)
            if let retry = try await transientFailure(response, request) {
                return .retry(failure: retry.failure, retryAfter: retry.retryAfter)
            }
            let body = try await collect(response, limit: options.maxResponseBytes, request)
            let reply = WireReply(status: status, headers: response.headers, body: body)
            let success = (200..<300).contains(status)
            guard success || accepting.contains(status) else { throw refusal(reply, request) }
            if success, ndjson, let last = body.last, last != NDJSONLineSplitter.newline {
                return .retry(failure: "the stream ended inside a record", retryAfter: nil)
            }
            return .done(reply)
        }
    }

    /// Sends `request` until the server starts a 200 answer, and returns it with its body still to be read.
    ///
    /// - Throws: As ``send(_:accepting:budget:ndjson:)``.
    func openStream(_ request: WireRequest, schedule: inout RetrySchedule) async throws -> HTTPClientResponse {
        try await retrying(request, schedule: &schedule) { response -> Attempt<HTTPClientResponse> in
            if let retry = try await transientFailure(response, request) {
                return .retry(failure: retry.failure, retryAfter: retry.retryAfter)
            }
            guard response.status.code == 200 else {
                let body = (try? await collect(response, limit: 1 << 20, request)) ?? []
                throw refusal(
                    WireReply(status: Int(response.status.code), headers: response.headers, body: body), request)
            }
            return .done(response)
        }
    }

    /// The retry loop: one attempt after another, paused by `schedule`, until one is done or the budget is spent.
    func retrying<Value: Sendable>(
        _ request: WireRequest, schedule: inout RetrySchedule,
        _ handle: (HTTPClientResponse) async throws -> Attempt<Value>
    ) async throws -> Value {
        let callId = Self.newCallId()
        while true {
            try Task.checkCancellation()
            schedule.recordAttempt()
            let outcome: Attempt<Value>
            do {
                let deadline = NIODeadline.now() + timeAmount(options.responseHeadTimeout + request.serverWait)
                let response = try await client.execute(
                    httpRequest(request, requestId: "\(callId)-\(schedule.attempts)"), deadline: deadline)
                outcome = try await handle(response)
            } catch {
                guard RetryableFailure.isRetryable(error) else { throw failure(error, request) }
                outcome = .retry(failure: String(describing: error), retryAfter: nil)
            }
            switch outcome {
            case .done(let value): return value
            case .retry(let failure, let retryAfter):
                guard let pause = schedule.pause(after: failure, retryAfter: retryAfter) else {
                    throw exhausted(request, schedule)
                }
                onRetry?(
                    "\(request.route) on \(server.redacted) failed (\(failure)); attempt \(schedule.attempts + 1) in "
                        + "\(pause.components.seconds).\(pause.components.attoseconds / 100_000_000_000_000_000) s")
                try await Task.sleep(for: pause)
            }
        }
    }

    /// What to retry after for a transient status (its error body read, briefly, for the message); `nil` for any
    /// other status.
    ///
    /// - Throws: ``HTTPStoreError`` `unauthorized` for 401, which no retry can fix.
    private func transientFailure(
        _ response: HTTPClientResponse, _ request: WireRequest
    ) async throws -> (failure: String, retryAfter: Duration?)? {
        let status = Int(response.status.code)
        if status == 401 {
            throw HTTPStoreError(
                .unauthorized, "API key rejected by \(server.redacted) (401)", status: 401,
                serverCode: "unauthorized", requestId: response.headers.first(name: "X-Request-Id"))
        }
        guard RetryableFailure.isRetryable(status: status) else { return nil }
        let body = (try? await collect(response, limit: 64 << 10, request)) ?? []
        let reply = WireReply(status: status, headers: response.headers, body: body)
        return (Self.statusSummary(reply), RetryableFailure.retryAfter(response.headers.first(name: "Retry-After")))
    }

    /// The whole body, at most `limit` bytes.
    func collect(_ response: HTTPClientResponse, limit: Int, _ request: WireRequest) async throws -> [UInt8] {
        do {
            let buffer = try await response.body.collect(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw HTTPStoreError(
                .malformedResponse,
                "\(server.redacted) answered \(request.route) with more than \(limit) bytes; raise maxResponseBytes "
                    + "or narrow the request",
                status: Int(response.status.code), requestId: response.headers.first(name: "X-Request-Id"))
        }
    }

    private func httpRequest(_ request: WireRequest, requestId: String) -> HTTPClientRequest {
        var http = HTTPClientRequest(url: server.base + request.path)
        http.method = request.method
        http.headers.add(name: "User-Agent", value: "relayburn-http")
        http.headers.add(name: "X-Request-Id", value: requestId)
        if let apiKey { http.headers.add(name: "Authorization", value: "Bearer \(apiKey)") }
        for header in request.headers { http.headers.add(name: header.name, value: header.value) }
        if let body = request.body {
            http.headers.add(name: "Content-Type", value: "application/json")
            if request.gzipped { http.headers.add(name: "Content-Encoding", value: "gzip") }
            http.body = .bytes(body)
        }
        return http
    }

    private func timeAmount(_ duration: Duration) -> TimeAmount { .nanoseconds(Backoff.nanoseconds(duration)) }

    /// `c` and 16 hex digits: a client-side id sent as `X-Request-Id` (with the attempt appended), so the server
    /// logs every attempt of one call under one recognisable prefix.
    private static func newCallId() -> String {
        let hex = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        return "c" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
