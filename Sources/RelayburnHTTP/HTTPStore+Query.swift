import NIOHTTP1
public import RelayburnLedger
import RelayburnWire

extension HTTPStore {
    /// Streams `GET /v1/<kind>` decoded, pulled from the wire as the consumer iterates.
    ///
    /// A broken stream resumes with `after=` the last record delivered; stamps, which cannot, start over only while
    /// none was delivered. Stopping the iteration cancels the request.
    public func query<Record: LedgerRecord>(
        _ type: Record.Type, _ query: LedgerQuery
    ) -> AsyncThrowingStream<Record.QueryOutput, any Error> {
        if let refusal = Self.stampCursorRefusal(Record.kind, query) { return Self.failing(refusal) }
        let records = NDJSONRecords<Record>(source: source(type, query), server: transport.server.redacted)
        return AsyncThrowingStream(unfolding: { try await records.next() })
    }

    /// Streams `GET /v1/<kind>` as NDJSON pages cut from the wire bytes, without decoding a record.
    ///
    /// Each page holds the complete lines of one chunk of the body (a chunk without a line end yields nothing and
    /// the next is read), so its size follows the server's writes; resumes as ``query(_:_:)``.
    public func queryEncoded<Record: LedgerRecord>(
        _ type: Record.Type, _ query: LedgerQuery
    ) -> AsyncThrowingStream<EncodedRecords, any Error> {
        if let refusal = Self.stampCursorRefusal(Record.kind, query) { return Self.failing(refusal) }
        let source = source(type, query)
        return AsyncThrowingStream(unfolding: { try await source.nextPage() })
    }

    /// The resumable source of a kind's query; stamps never send `after=`.
    func source<Record: LedgerRecord>(_: Record.Type, _ query: LedgerQuery) -> NDJSONSource {
        let path = "/v1/\(Record.kind.routeName)"
        guard Record.kind != .stamp else {
            let request = WireRequest(.GET, Self.path(path, RouteQueries.stamps(query)))
            return NDJSONSource(
                transport: transport, initialCursor: nil, resume: .fromStart(what: "stamps"), request: { _ in request })
        }
        return NDJSONSource(
            transport: transport, initialCursor: query.after,
            resume: .afterCursor { line in NDJSONRecords<Record>.cursor(after: line) },
            request: { cursor in
                var query = query
                query.after = cursor
                return WireRequest(.GET, Self.path(path, QueryString.encode(query)))
            })
    }

    /// The error every store gives for a cursor on stamps, which stream in append order.
    static func stampCursorRefusal(_ kind: RecordKind, _ query: LedgerQuery) -> StreamCursorError? {
        guard kind == .stamp, query.after != nil else { return nil }
        return StreamCursorError(
            "stamps stream in append order and cannot resume from a cursor; read them again from the start")
    }

    /// A stream that fails at once.
    static func failing<Element>(_ error: any Error) -> AsyncThrowingStream<Element, any Error> {
        AsyncThrowingStream { continuation in continuation.finish(throwing: error) }
    }

    /// `path?query`, or `path` alone for an empty query.
    static func path(_ path: String, _ query: String) -> String { query.isEmpty ? path : "\(path)?\(query)" }
}
