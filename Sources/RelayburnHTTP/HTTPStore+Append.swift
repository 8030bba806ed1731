import NIOHTTP1
public import RelayburnLedger
import RelayburnWire

extension HTTPStore {
    /// Appends `records` as `POST /v1/<kind>` batches, several in flight, and returns how many were new.
    ///
    /// Batches hold at most ``HTTPStoreOptions/batchRecords`` records and ``HTTPStoreOptions/batchBytes`` bytes,
    /// both capped by the server's limits. Each batch is atomic on the server; a call that needs several is not
    /// atomic as a whole, but appends are idempotent, so repeating a call that failed part-way is safe. A 413 splits
    /// the batch in halves down to one record.
    ///
    /// - Throws: ``HTTPStoreError``: `recordTooLarge` naming the record's kind and id, `rejected` with the server's
    ///   code (`invalid_record` names the record), `retriesExhausted`, `unauthorized`.
    public func append<Record: LedgerRecord>(_ records: [Record]) async throws -> Int {
        guard !records.isEmpty else { return 0 }
        let encoded = records.map { Array($0.object.compactJSON.utf8) }
        for (index, json) in encoded.enumerated() where AppendBatches.bodySize(of: [json.count]) > limits.maxBodyBytes {
            throw recordTooLarge(records[index], bytes: json.count, serverSaid: nil)
        }
        let ranges = AppendBatches.ranges(
            sizes: encoded.map(\.count), maxRecords: min(options.batchRecords, limits.maxRecords),
            maxBytes: min(options.batchBytes, limits.maxBodyBytes))
        let inFlight = max(1, options.batchesInFlight)
        return try await withThrowingTaskGroup(of: Int.self) { group in
            var inserted = 0
            var pending = ranges.makeIterator()
            for _ in 0..<inFlight {
                guard let range = pending.next() else { break }
                group.addTask { try await self.sendBatch(records, encoded, range) }
            }
            while let batchInserted = try await group.next() {
                inserted += batchInserted
                if let range = pending.next() {
                    group.addTask { try await self.sendBatch(records, encoded, range) }
                }
            }
            return inserted
        }
    }

    /// Sends `records[range]`; on 413 sends each half in turn, down to a single record, which then fails.
    private func sendBatch<Record: LedgerRecord>(
        _ records: [Record], _ encoded: [[UInt8]], _ range: Range<Int>
    ) async throws -> Int {
        let reply = try await transport.send(appendRequest(Record.kind, encoded[range]), accepting: [400, 413])
        if reply.status == 400 { throw rejectedRecord(records, range, reply) }
        if reply.status == 413 {
            let wire = WireError.parse(status: 413, body: reply.body)
            guard range.count > 1 else {
                throw recordTooLarge(
                    records[range.lowerBound], bytes: encoded[range.lowerBound].count, serverSaid: wire)
            }
            let middle = range.lowerBound + range.count / 2
            let first = try await sendBatch(records, encoded, range.lowerBound..<middle)
            return first + (try await sendBatch(records, encoded, middle..<range.upperBound))
        }
        guard let value = try? JSONValue.parse(reply.body), let inserted = value["inserted"]?.integerValue else {
            throw HTTPStoreError(
                .malformedResponse,
                "\(transport.server.redacted) answered POST /v1/\(Record.kind.routeName) without an \"inserted\" count",
                status: reply.status, requestId: reply.requestId)
        }
        // `inserted < received` is success: the rest were duplicates, as when a retried batch had committed.
        return Int(inserted)
    }

    private func appendRequest(_ kind: RecordKind, _ records: ArraySlice<[UInt8]>) -> WireRequest {
        let body = AppendBatches.body(records)
        var request = WireRequest(.POST, "/v1/\(kind.routeName)")
        if let threshold = options.gzipMinimumBytes, body.count >= threshold {
            request.body = Gzip.deflate(body)
            request.gzipped = true
        } else {
            request.body = body
        }
        return request
    }

    /// The server's 400, naming the record it points at by kind and id (its `index` counts within the batch).
    private func rejectedRecord<Record: LedgerRecord>(
        _ records: [Record], _ range: Range<Int>, _ reply: WireReply
    ) -> HTTPStoreError {
        let refusal = transport.refusal(reply, WireRequest(.POST, "/v1/\(Record.kind.routeName)"))
        guard let wire = WireError.parse(status: 400, body: reply.body),
            let index = wire.details["index"]?.integerValue,
            index >= 0, index < range.count
        else { return refusal }
        let record = records[range.lowerBound + Int(index)]
        return HTTPStoreError(
            .rejected,
            "\(refusal.description) (the \(Record.kind) record \(record.id), number \(range.lowerBound + Int(index)))",
            status: 400, serverCode: wire.code, requestId: reply.requestId)
    }

    private func recordTooLarge<Record: LedgerRecord>(
        _ record: Record, bytes: Int, serverSaid wire: WireError?
    ) -> HTTPStoreError {
        let limit = wire?.details["limit"]?.integerValue.map(Int.init) ?? limits.maxBodyBytes
        let reason = wire.map { " (\($0.code): \($0.message))" } ?? ""
        return HTTPStoreError(
            .recordTooLarge,
            "the \(Record.kind) record \(record.id) is \(bytes) bytes, more than \(transport.server.redacted) accepts "
                + "in one request (\(limit) bytes)\(reason); raise the server's body limit to store it",
            status: wire == nil ? nil : 413, serverCode: wire?.code)
    }
}
