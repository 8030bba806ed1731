extension MemoryStore {
    public func append<Record: LedgerRecord>(_ records: [Record]) async throws -> Int {
        // Three kinds carry semantics of their own; the rest are plain id-keyed tables.
        if let turns = records as? [TurnRecord] { return insertTurns(turns) }
        if let content = records as? [ContentRecord] { return try insertContent(content) }
        if let stamps = records as? [Stamp] { return insertStamps(stamps) }
        return insert(records)
    }

    /// Stores new turns and keeps the canonical twin of each fingerprint (the smallest id, docs/records.md §4).
    private func insertTurns(_ records: [TurnRecord]) -> Int {
        var added = 0
        for record in records {
            let id = record.id
            guard turns[id] == nil else { continue }
            turns[id] = record
            added += 1
            let fingerprint = record.fingerprint
            if let canonical = canonicalTurnIds[fingerprint], !MemoryOrder.precedes(id, canonical) { continue }
            canonicalTurnIds[fingerprint] = id
        }
        return added
    }

    /// Stores new content with the time it was written, refusing the whole batch for an unsafe session id.
    private func insertContent(_ records: [ContentRecord]) throws -> Int {
        for (index, record) in records.enumerated() where !ContentRecord.isValidSessionId(record.sessionId) {
            throw RecordError(
                code: .invalidValue, index: index, kind: .content, field: "sessionId",
                message: "must match [A-Za-z0-9][A-Za-z0-9._-]{0,127} to be stored with content; nothing was stored")
        }
        let writtenAt = now()
        var added = 0
        for record in records {
            let id = record.id
            guard content[record.sessionId]?[id] == nil else { continue }
            content[record.sessionId, default: [:]][id] = StoredContent(record: record, writtenAtMs: writtenAt)
            added += 1
        }
        return added
    }

    /// Stores new stamps and, in the same step, the `spawn-env` relationships of those carrying `parentAgentId`.
    /// Returns the number of new stamps.
    private func insertStamps(_ records: [Stamp]) -> Int {
        let spawned = records.compactMap(\.spawnEnvRelationship)
        var added = 0
        for stamp in records where stampIds.insert(stamp.id).inserted {
            stamps.append(stamp)
            added += 1
        }
        _ = insert(spawned)
        return added
    }

    /// Inserts the records whose id is not stored yet (first writer wins) and returns how many were new.
    private func insert<Record: LedgerRecord>(_ records: [Record]) -> Int {
        var added = 0
        for record in records {
            let key = record.id
            guard tables[Record.kind]?[key] == nil else { continue }
            tables[Record.kind, default: [:]][key] = record
            added += 1
        }
        return added
    }
}
