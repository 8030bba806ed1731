import RelayburnLedger

/// The records of an ``NDJSONSource``, one at a time, decoded as `Record`'s query output.
///
/// `@unchecked Sendable` for the same reason as ``NDJSONSource``: only the unfolding closure of one stream calls
/// ``next()``, one call at a time.
final class NDJSONRecords<Record: LedgerRecord>: @unchecked Sendable {
    private let source: NDJSONSource
    private let server: String
    private var page = EncodedRecords()
    private var lines: [Range<Int>] = []
    private var position = 0

    init(source: NDJSONSource, server: String) {
        self.source = source
        self.server = server
    }

    /// The next record, or `nil` at the end of the stream.
    ///
    /// - Throws: ``HTTPStoreError`` `malformedResponse` for a line that is not a valid record of the kind; what the
    ///   source throws.
    func next() async throws -> Record.QueryOutput? {
        while position == lines.count {
            guard let next = try await source.nextPage() else { return nil }
            page = next
            lines = NDJSONLineSplitter.lineRanges(next.bytes)
            position = 0
        }
        let line = page.bytes[lines[position]]
        position += 1
        return try Self.decode(line, server: server)
    }

    /// The query output of one NDJSON line.
    static func decode(_ line: ArraySlice<UInt8>, server: String) throws -> Record.QueryOutput {
        do {
            return try Record.decodeOutput(try JSONValue.parse(line))
        } catch {
            throw HTTPStoreError(
                .malformedResponse, "\(server) sent a \(Record.kind) record this client cannot read: \(error)")
        }
    }

    /// The cursor just after the record on `line`, or `nil` when it does not decode.
    static func cursor(after line: ArraySlice<UInt8>) -> StreamCursor? {
        guard let value = try? JSONValue.parse(line), let output = try? Record.decodeOutput(value) else { return nil }
        return StreamCursor.after(Record.record(of: output))
    }
}
