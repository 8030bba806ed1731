import NIOHTTP1
public import RelayburnLedger
import RelayburnWire

extension HTTPStore {
    /// Streams `GET /v1/content/search?q=…`, pulled from the wire as the consumer iterates.
    ///
    /// The route takes no `after=`, so a broken stream is asked again from the start and the records already
    /// delivered are skipped; `query.after` is applied the same way.
    public func searchContent(_ text: String, _ query: LedgerQuery) -> AsyncThrowingStream<ContentRecord, any Error> {
        let request = WireRequest(.GET, Self.path("/v1/content/search", RouteQueries.search(text, query)))
        let source = NDJSONSource(
            transport: transport, initialCursor: nil, skipThrough: query.after,
            resume: .skippingDelivered { line in NDJSONRecords<ContentRecord>.cursor(after: line) },
            request: { _ in request })
        let records = NDJSONRecords<ContentRecord>(source: source, server: transport.server.redacted)
        return AsyncThrowingStream(unfolding: { try await records.next() })
    }

    /// `GET /v1/content/sessions/{id}?messageId=…`, read whole (a break asks again from the start, since the
    /// result is returned only complete).
    public func readContent(sessionId: String, messageId: String?) async throws -> [ContentRecord] {
        let query = messageId.map { "messageId=\(PercentEncoding.encode($0))" } ?? ""
        let request = WireRequest(.GET, Self.path("/v1/content/sessions/\(PercentEncoding.encode(sessionId))", query))
        let reply = try await transport.send(request, ndjson: true)
        return try NDJSONLineSplitter.lineRanges(reply.body).map { range in
            try NDJSONRecords<ContentRecord>.decode(reply.body[range], server: serverDescription)
        }
    }

    /// `GET /v1/content/sessions`.
    public func listContentSessionIds() async throws -> [String] {
        let request = WireRequest(.GET, "/v1/content/sessions")
        let reply = try await transport.send(request)
        guard let value = try? JSONValue.parse(reply.body), let sessions = value["sessions"]?.arrayValue else {
            throw malformed(request, reply, expected: "a \"sessions\" array")
        }
        return try sessions.map { session in
            guard let id = session.stringValue else { throw malformed(request, reply, expected: "session ids") }
            return id
        }
    }

    /// `POST /v1/content/prune`; refuses a recoverability check, which cannot travel over http.
    ///
    /// - Throws: ``HTTPStoreError`` `unsupported` at once when `isRecoverable` is given; otherwise as a request.
    public func pruneContent(
        olderThanMs: Int64, isRecoverable: (@Sendable (String) async -> Bool)?
    ) async throws -> PruneResult {
        guard isRecoverable == nil else {
            throw HTTPStoreError(
                .unsupported,
                "the recoverability check cannot travel over http; prune on the server's store directly")
        }
        let body = JSONValue.object(["olderThanMs": .integer(olderThanMs)]).compactJSON
        let request = WireRequest(.POST, "/v1/content/prune", body: Array(body.utf8))
        let reply = try await transport.send(request)
        guard let result = PruneResult(wireJSON: reply.body) else {
            throw malformed(request, reply, expected: "sessionsDeleted, bytesFreed and skippedRecoverable")
        }
        return result
    }

    /// `GET /v1/summary?…&by=…`, computed by the server's store.
    public func summary(_ query: LedgerQuery, by grouping: SummaryGrouping?) async throws -> Summary {
        let request = WireRequest(.GET, Self.path("/v1/summary", RouteQueries.summary(query, by: grouping)))
        let reply = try await transport.send(request)
        guard let summary = Summary(wireJSON: reply.body) else {
            throw malformed(request, reply, expected: "a summary")
        }
        return summary
    }

    /// A 2xx answer that is not what the route promises.
    func malformed(_ request: WireRequest, _ reply: WireReply, expected: String) -> HTTPStoreError {
        HTTPStoreError(
            .malformedResponse,
            "\(transport.server.redacted) answered \(request.route) without \(expected); check that the URL names a "
                + "relayburn server of this version",
            status: reply.status, requestId: reply.requestId)
    }
}
