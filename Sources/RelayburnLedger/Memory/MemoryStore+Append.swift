extension MemoryStore {
    public func appendTurns(_ records: [TurnRecord]) async throws -> Int {
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

    public func appendContent(_ records: [ContentRecord]) async throws -> Int {
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

    public func appendCompactions(_ records: [CompactionEvent]) async throws -> Int {
        insert(records, into: &compactions, id: \.id)
    }

    public func appendRelationships(_ records: [SessionRelationshipRecord]) async throws -> Int {
        insert(records, into: &relationships, id: \.id)
    }

    public func appendToolResultEvents(_ records: [ToolResultEventRecord]) async throws -> Int {
        insert(records, into: &toolResultEvents, id: \.id)
    }

    public func appendUserTurns(_ records: [UserTurnRecord]) async throws -> Int {
        insert(records, into: &userTurns, id: \.id)
    }

    /// Stores new stamps and, in the same step, the `spawn-env` relationships of those carrying `parentAgentId`.
    /// Returns the number of new stamps.
    public func appendStamps(_ records: [Stamp]) async throws -> Int {
        let spawned = records.compactMap(\.spawnEnvRelationship)
        var added = 0
        for stamp in records where stampIds.insert(stamp.id).inserted {
            stamps.append(stamp)
            added += 1
        }
        _ = insert(spawned, into: &relationships, id: \.id)
        return added
    }

    /// Inserts the records whose id is not stored yet (first writer wins) and returns how many were new.
    private func insert<Record>(
        _ records: [Record], into table: inout [String: Record], id: (Record) -> String
    ) -> Int {
        var added = 0
        for record in records {
            let key = id(record)
            guard table[key] == nil else { continue }
            table[key] = record
            added += 1
        }
        return added
    }
}
