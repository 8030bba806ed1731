import Hummingbird
import RelayburnLedger
import RelayburnSchema
import RelayburnWire

extension CollectorServer {
    /// `POST /v1/<kind>`: a JSON array of one kind, atomic.
    func appendOneKind(
        _ kind: RecordKind, _ request: Request, log: inout AccessLogLine
    ) async throws(WireError) -> ServerReply {
        let body = try await readBody(request, log: &log)
        let type = LedgerRecords.type(of: kind)
        let (received, inserted) = try await append(type, body.bytes)
        metrics.recordAppend(kind: kind.rawValue, received: received, inserted: inserted)
        var reply = ServerReply.json(["received": .integer(Int64(received)), "inserted": .integer(Int64(inserted))])
        reply.received = received
        reply.inserted = inserted
        return reply
    }

    private func append<Record: LedgerRecord>(
        _ type: Record.Type, _ bytes: [UInt8]
    ) async throws(WireError) -> (Int, Int) {
        let records = try AppendBody.records(type, from: bytes, maxRecords: settings.limits.maxRecords)
        guard !records.isEmpty else { return (0, 0) }
        let started = ContinuousClock.now
        do {
            let inserted = try await store.append(records)
            metrics.recordStoreTime("append", seconds: Double((ContinuousClock.now - started).milliseconds) / 1000)
            return (records.count, inserted)
        } catch {
            throw storeFailure(error, operation: "append")
        }
    }

    /// `POST /v1/ingest`: the 1.x ledger envelope, every kind validated before anything is stored.
    func ingest(_ request: Request, log: inout AccessLogLine) async throws(WireError) -> ServerReply {
        let body = try await readBody(request, log: &log)
        let batch = try AppendBody.ingest(body.bytes, maxRecords: settings.limits.maxRecords)
        var inserted = 0
        let started = ContinuousClock.now
        do {
            // Every kind in one transaction on the SQL stores: a failure stores nothing.
            let counts = try await store.appendMixed(batch)
            for (kind, records) in batch.byKind {
                let new = counts[kind] ?? 0
                metrics.recordAppend(kind: kind.rawValue, received: records.count, inserted: new)
                inserted += new
            }
        } catch {
            throw storeFailure(error, operation: "ingest")
        }
        metrics.recordStoreTime("ingest", seconds: Double((ContinuousClock.now - started).milliseconds) / 1000)
        let count = Int64(batch.count)
        var reply = ServerReply.json([
            "received": .integer(count), "inserted": .integer(Int64(inserted)), "accepted": .integer(Int64(inserted)),
        ])
        reply.received = batch.count
        reply.inserted = inserted
        return reply
    }

    func readBody(_ request: Request, log: inout AccessLogLine) async throws(WireError) -> RequestBodyReader.Body {
        let reader = RequestBodyReader(
            maxBytes: settings.limits.maxBodyBytes, timeoutMs: settings.bodyTimeoutMs, budget: bodies)
        let body = try await reader.read(request)
        log.bytesIn = body.wireBytes
        log.bytesInDecompressed = body.bytes.count
        return body
    }

    /// A small JSON object body (acquire, renew, release, prune): no records, so only the size limit applies.
    func readObject(_ request: Request, log: inout AccessLogLine) async throws(WireError) -> JSONValue {
        let body = try await readBody(request, log: &log)
        let value: JSONValue
        do {
            value = try JSONValue.parse(body.bytes.isEmpty ? Array("{}".utf8) : body.bytes)
        } catch {
            throw .invalidJSON("the body is not valid JSON: \(error.message)")
        }
        guard value.objectValue != nil else { throw .invalidJSON("the body must be a JSON object") }
        return value
    }
}
