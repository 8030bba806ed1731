public import RelayburnLedger
import RelayburnSchema

extension PostgresStore {
    public func appendTurns(_ records: [TurnRecord]) async throws -> Int {
        let statements = self.statements
        let rows = records.map(RecordColumns.turn)
        guard !rows.isEmpty else { return 0 }
        return try await write { connection in
            var sessions = SessionRollup()
            let batch = statements.insertTurnsBatch
            let newIds = Set(
                try connection.query(batch, bindings: PostgresArrayLiteral.bindings(batch, rows: rows))
                    .compactMap { $0.first?.textValue })
            var seen = Set<String>()
            for record in records where newIds.contains(record.id) && seen.insert(record.id).inserted {
                sessions.add(record)
            }
            let inserted = newIds.count
            // Sessions in a stable order, so concurrent hosts take their row locks in the same order.
            for session in sessions.rows.sorted(by: { ($0["session_id"]?.textValue ?? "") < ($1["session_id"]?.textValue ?? "") }) {
                _ = try connection.query(statements.upsertSession, bindings: statements.upsertSession.bindings(session))
            }
            return inserted
        }
    }

    public func appendContent(_ records: [ContentRecord]) async throws -> Int {
        let writtenAt = UTCTimestamp.now()
        let rows = records.map { RecordColumns.content($0, writtenAt: writtenAt) }
        let statement = statements.insertContent
        return try await write { try Self.insert(rows, with: statement, on: $0) }
    }

    public func appendCompactions(_ records: [CompactionEvent]) async throws -> Int {
        let rows = records.map(RecordColumns.compaction)
        let statement = statements.insertCompaction
        return try await write { try Self.insert(rows, with: statement, on: $0) }
    }

    public func appendRelationships(_ records: [SessionRelationshipRecord]) async throws -> Int {
        let rows = records.map(RecordColumns.relationship)
        let statement = statements.insertRelationship
        return try await write { try Self.insert(rows, with: statement, on: $0) }
    }

    public func appendToolResultEvents(_ records: [ToolResultEventRecord]) async throws -> Int {
        let rows = records.map(RecordColumns.toolResultEvent)
        let statement = statements.insertToolResultEvent
        return try await write { try Self.insert(rows, with: statement, on: $0) }
    }

    public func appendUserTurns(_ records: [UserTurnRecord]) async throws -> Int {
        let rows = records.map(RecordColumns.userTurn)
        let statement = statements.insertUserTurn
        return try await write { try Self.insert(rows, with: statement, on: $0) }
    }

    public func appendStamps(_ records: [Stamp]) async throws -> Int {
        let statements = self.statements
        let rows = records.map(RecordColumns.stamp)
        let relationships = records.compactMap(\.spawnEnvRelationship).map(RecordColumns.relationship)
        return try await write { connection in
            let inserted = try Self.insert(rows, with: statements.insertStamp, on: connection)
            _ = try Self.insert(relationships, with: statements.insertRelationship, on: connection)
            return inserted
        }
    }
}
