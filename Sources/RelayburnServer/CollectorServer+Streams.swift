import Hummingbird
import NIOCore
import RelayburnLedger
import RelayburnWire

extension CollectorServer {
    /// How much NDJSON is written at once: large enough to keep syscalls few, small enough that a slow client
    /// holds the database cursor back after a few writes rather than the server buffering for it.
    static let streamWriteBytes = 64 << 10

    /// `GET /v1/<kind>`: the store's encoded pages written through, in ~64 KiB writes. Each write waits for the
    /// connection to take it, and the next page is only read after, so memory stays flat on both ends.
    func stream(_ kind: RecordKind, _ request: Request) throws(WireError) -> ServerReply {
        let query = try ledgerQuery(request, extra: [])
        if kind == .stamp && query.after != nil {
            throw .invalidQuery("stamps stream in append order and take no after= cursor; read them from the start")
        }
        func pages<Record: LedgerRecord>(_ type: Record.Type) -> AsyncThrowingStream<EncodedRecords, any Error> {
            store.queryEncoded(type, query)
        }
        return try ndjson(pages(LedgerRecords.type(of: kind)))
    }

    /// `GET /v1/content/search?q=`.
    func searchContent(_ request: Request) throws(WireError) -> ServerReply {
        let pairs = try queryPairs(request)
        guard let text = QueryString.value("q", in: pairs), !text.isEmpty else {
            throw .invalidQuery("give the text to search for as q=")
        }
        let query = try ledgerQuery(pairs, extra: ["q"])
        let records = store.searchContent(text, query)
        return try ndjson(Self.encodedPages(records))
    }

    /// `GET /v1/content/sessions/{id}?messageId=`.
    func contentSession(_ id: String, _ request: Request) async throws(WireError) -> ServerReply {
        let pairs = try queryPairs(request)
        for pair in pairs where pair.name != "messageId" {
            throw .invalidQuery("unknown query parameter \(QueryString.echo(pair.name)); accepted: messageId")
        }
        let messageId = QueryString.value("messageId", in: pairs).flatMap { $0.isEmpty ? nil : $0 }
        let records: [ContentRecord]
        do {
            records = try await store.readContent(sessionId: id, messageId: messageId)
        } catch {
            throw storeFailure(error, operation: "read_content")
        }
        var page = EncodedRecords()
        for record in records { page.append(json: record.object.compactJSON) }
        return ServerReply(status: 200, contentType: "application/x-ndjson", body: .bytes(page.bytes))
    }

    /// Decoded records as pages of their wire JSON.
    static func encodedPages<Record: LedgerRecord>(
        _ records: AsyncThrowingStream<Record, any Error>
    ) -> AsyncThrowingStream<EncodedRecords, any Error> {
        let source = IteratorBox(records.makeAsyncIterator())
        return AsyncThrowingStream {
            var page = EncodedRecords()
            while page.bytes.count < streamWriteBytes, let record = try await source.iterator.next() {
                page.append(json: record.object.compactJSON)
            }
            return page.count == 0 ? nil : page
        }
    }

    /// An NDJSON reply written from `pages`, holding one of the open-stream slots while it runs.
    func ndjson(_ pages: AsyncThrowingStream<EncodedRecords, any Error>) throws(WireError) -> ServerReply {
        guard streams.enter() else {
            throw WireError(
                status: 503, code: "too_many_streams",
                message: "\(settings.maxStreams) streams are already open; retry shortly", retryAfterSeconds: 1)
        }
        let slot = StreamSlot(gate: streams, metrics: metrics)
        let gate = streams
        return ServerReply(
            status: 200, contentType: "application/x-ndjson",
            body: .stream { writer in
                defer { slot.release() }
                var written = 0
                var buffer = ByteBuffer()
                buffer.reserveCapacity(Self.streamWriteBytes * 2)
                for try await page in pages {
                    if gate.isCancelled { throw StreamCancelledError() }
                    buffer.writeBytes(page.bytes)
                    if buffer.readableBytes >= Self.streamWriteBytes {
                        written += buffer.readableBytes
                        try await writer.write(buffer)
                        buffer.clear()
                    }
                }
                if buffer.readableBytes > 0 {
                    written += buffer.readableBytes
                    try await writer.write(buffer)
                }
                return written
            })
    }

    func queryPairs(_ request: Request) throws(WireError) -> [(name: String, value: String)] {
        do {
            return try QueryString.pairs(request.uri.query ?? "")
        } catch {
            throw .invalidQuery(error.description)
        }
    }

    func ledgerQuery(_ request: Request, extra: Set<String>) throws(WireError) -> LedgerQuery {
        try ledgerQuery(try queryPairs(request), extra: extra)
    }

    func ledgerQuery(_ pairs: [(name: String, value: String)], extra: Set<String>) throws(WireError) -> LedgerQuery {
        do {
            return try QueryString.ledgerQuery(pairs, extraNames: extra)
        } catch {
            throw .invalidQuery(error.description)
        }
    }
}

/// The iterator of a stream read by one consumer at a time (the response writer), so sharing it is safe.
private final class IteratorBox<Element>: @unchecked Sendable {
    var iterator: AsyncThrowingStream<Element, any Error>.Iterator
    init(_ iterator: AsyncThrowingStream<Element, any Error>.Iterator) { self.iterator = iterator }
}
