import AsyncHTTPClient
import NIOCore
import RelayburnLedger

/// The pages of one NDJSON read, pulled from the response body only as the consumer asks for them, and resumed
/// after a break (server.md §6).
///
/// Backpressure is end to end: AsyncHTTPClient's body is itself a backpressured sequence, so while no page is
/// asked for, no chunk is read, the socket's window fills and the server's cursor waits. Memory stays at one chunk
/// plus one partial line whatever the result size. A body that breaks (a transport error, or an end inside a
/// record) is requested again with `after=` the last record delivered, so none is lost or repeated; a stream that
/// cannot resume (stamps) starts over only while it has delivered nothing.
///
/// `@unchecked Sendable`: the only caller is the `AsyncThrowingStream(unfolding:)` closure of one stream, which
/// its single consumer invokes one `next()` at a time, so the mutable state is never touched concurrently. Dropping
/// the stream releases this object and with it the body iterator, which cancels the request; cancelling the
/// consumer's task cancels the read in progress.
final class NDJSONSource: @unchecked Sendable {
    /// How a broken stream continues.
    enum Resume: Sendable {
        /// Ask again with `after=` the cursor of the last delivered line, built by the closure.
        case afterCursor(@Sendable (ArraySlice<UInt8>) -> StreamCursor?)
        /// Ask again from the start and skip every line up to the cursor of the last delivered one, for routes
        /// that take no `after=` (content search).
        case skippingDelivered(@Sendable (ArraySlice<UInt8>) -> StreamCursor?)
        /// Ask again from the start, only if nothing was delivered yet.
        case fromStart(what: String)
    }

    private let transport: HTTPTransport
    private let request: @Sendable (StreamCursor?) -> WireRequest
    private let resume: Resume
    private var cursor: StreamCursor?
    /// After a restart of a ``Resume/skippingDelivered(_:)`` stream: lines up to here were delivered already.
    private var skipThrough: StreamCursor?
    private var iterator: HTTPClientResponse.Body.AsyncIterator?
    private var splitter: NDJSONLineSplitter
    private var schedule: RetrySchedule
    /// The last line delivered, kept so a resume can build its cursor.
    private var lastLine: [UInt8] = []
    private var delivered = 0
    private var progressedSinceBreak = false
    private var finished = false

    /// - Parameters:
    ///   - initialCursor: The query's own `after`, where the first request starts.
    ///   - skipThrough: For ``Resume/skippingDelivered(_:)``: lines up to this cursor are dropped on the client.
    ///   - request: The request for a given resume point.
    init(
        transport: HTTPTransport, initialCursor: StreamCursor?, skipThrough: StreamCursor? = nil, resume: Resume,
        request: @escaping @Sendable (StreamCursor?) -> WireRequest
    ) {
        self.transport = transport
        self.cursor = initialCursor
        self.skipThrough = skipThrough
        self.resume = resume
        self.request = request
        self.splitter = NDJSONLineSplitter(maxLineBytes: transport.options.maxResponseBytes)
        self.schedule = transport.options.retrySchedule()
    }

    /// The next page of complete records, or `nil` once the body ended cleanly.
    func nextPage() async throws -> EncodedRecords? {
        while !finished {
            if iterator == nil { try await open() }
            guard var body = iterator else { continue }
            let chunk: ByteBuffer?
            do {
                chunk = try await body.next()
            } catch {
                iterator = nil
                guard RetryableFailure.isRetryable(error) else { throw transport.failure(error, request(cursor)) }
                try await recover(after: String(describing: error))
                continue
            }
            iterator = body
            guard let chunk else {
                iterator = nil
                if splitter.hasPartialLine {
                    try await recover(after: "the stream ended inside a record")
                    continue
                }
                finished = true
                return nil
            }
            var page: EncodedRecords
            do {
                page = try chunk.withUnsafeReadableBytes { buffer in try splitter.feed(buffer) }
            } catch {
                throw transport.failure(error, request(cursor))
            }
            if skipThrough != nil { page = try skippingDelivered(page) }
            guard page.count > 0 else { continue }
            if let line = NDJSONLineSplitter.lastLine(of: page) { lastLine = Array(line) }
            delivered += page.count
            progressedSinceBreak = true
            return page
        }
        return nil
    }

    /// The cursor after the last delivered line.
    private func resumePoint(
        _ cursorOf: (ArraySlice<UInt8>) -> StreamCursor?, _ wire: WireRequest, _ failure: String
    ) throws -> StreamCursor {
        guard let cursor = cursorOf(lastLine[...]) else {
            throw HTTPStoreError(
                .malformedResponse,
                "\(wire.route) from \(transport.server.redacted) broke (\(failure)) after a record this client "
                    + "cannot read, so it cannot resume")
        }
        return cursor
    }

    /// `page` without the lines at or before ``skipThrough``; clears it at the first line past it.
    private func skippingDelivered(_ page: EncodedRecords) throws -> EncodedRecords {
        guard let position = skipThrough, case .skippingDelivered(let cursorOf) = resume else { return page }
        for range in NDJSONLineSplitter.lineRanges(page.bytes) {
            guard let cursor = cursorOf(page.bytes[range]) else {
                throw HTTPStoreError(
                    .malformedResponse,
                    "\(request(nil).route) from \(transport.server.redacted) sent a record this client cannot read")
            }
            if CursorOrder.follows(cursor, position) {
                skipThrough = nil
                return NDJSONLineSplitter.page(Array(page.bytes[range.lowerBound...]))
            }
        }
        return EncodedRecords()
    }

    private func open() async throws {
        var schedule = self.schedule
        defer { self.schedule = schedule }
        let response = try await transport.openStream(request(cursor), schedule: &schedule)
        iterator = response.body.makeAsyncIterator()
    }

    /// Prepares the next request after a break and waits out the backoff.
    private func recover(after failure: String) async throws {
        splitter.reset()
        let wire = request(cursor)
        switch resume {
        case .fromStart(let what):
            guard delivered == 0 else {
                throw HTTPStoreError(
                    .transportFailed,
                    "\(wire.route) from \(transport.server.redacted) broke after \(delivered) \(what) (\(failure)); "
                        + "\(what) cannot resume from a cursor, so read them again")
            }
        case .afterCursor(let cursorOf):
            if !lastLine.isEmpty { cursor = try resumePoint(cursorOf, wire, failure) }
        case .skippingDelivered(let cursorOf):
            if !lastLine.isEmpty { skipThrough = try resumePoint(cursorOf, wire, failure) }
        }
        if progressedSinceBreak {
            schedule.restartAfterProgress()
            progressedSinceBreak = false
        }
        guard let pause = schedule.pause(after: failure, retryAfter: nil) else {
            throw transport.exhausted(request(cursor), schedule)
        }
        try await Task.sleep(for: pause)
    }
}
