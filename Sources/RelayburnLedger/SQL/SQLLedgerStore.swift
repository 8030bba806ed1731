public import RelayburnSchema

/// What the SQLite and PostgreSQL stores share: they differ only in how they insert rows and run a write, so
/// every query, content operation and plain append is implemented once here over those two primitives and the
/// `templates/ledger/` statements.
public protocol SQLLedgerStore: StorageAdapter {
    var statements: LedgerStatements { get }
    var reader: SQLLedgerReader { get }

    /// Inserts each group's rows with its `INSERT … ON CONFLICT DO NOTHING` statement, all groups in one
    /// transaction (or one savepoint of a bulk transaction), and returns how many rows of each group were new.
    func insert(_ groups: [(rows: [[String: SQLValue]], statement: RenderedStatement)]) async throws -> [Int]

    /// Stores turns and widens their sessions' rollup (`upsert_session.sql`) in one transaction.
    func appendTurnRows(_ records: [TurnRecord]) async throws -> Int

    /// Stores turns (with their rollup) and each group's rows in one transaction; how many turns and how many rows
    /// of each group were new.
    func insert(
        turns: [TurnRecord], _ groups: [(rows: [[String: SQLValue]], statement: RenderedStatement)]
    ) async throws -> (turns: Int, groups: [Int])

    /// Runs one statement that returns no rows in its own write transaction.
    func executeWrite(_ statement: RenderedStatement, bindings: [SQLValue]) async throws
}

extension SQLLedgerStore {
    public func append<Record: LedgerRecord>(_ records: [Record]) async throws -> Int {
        guard !records.isEmpty else { return 0 }
        // Turns also widen their sessions' rollup, which each store does its own way.
        if let turns = records as? [TurnRecord] { return try await appendTurnRows(turns) }
        let writtenAt = UTCTimestamp.now()
        var groups = [
            (rows: records.map { $0.storedColumns(writtenAt: writtenAt) }, statement: statements.insert(Record.kind))
        ]
        // Stamps and the `spawn-env` relationships they imply, in one transaction.
        if let stamps = records as? [Stamp] {
            let relationships = stamps.compactMap(\.spawnEnvRelationship)
            if !relationships.isEmpty {
                groups.append(
                    (relationships.map { $0.storedColumns(writtenAt: writtenAt) }, statements.insert(.relationship)))
            }
        }
        return try await insert(groups).first ?? 0
    }

    /// Every kind in one transaction: a failure anywhere stores nothing.
    public func appendMixed(_ records: MixedRecords) async throws -> [RecordKind: Int] {
        let writtenAt = UTCTimestamp.now()
        var kinds: [RecordKind] = []
        var groups: [(rows: [[String: SQLValue]], statement: RenderedStatement)] = []
        for type in LedgerRecords.all where type.kind != .turn {
            let kind = type.kind
            guard let batch = records.byKind[kind] else { continue }
            kinds.append(kind)
            groups.append((batch.map { $0.storedColumns(writtenAt: writtenAt) }, statements.insert(kind)))
        }
        // The `spawn-env` relationships stamps imply, after the relationships themselves.
        let spawned = records.records(Stamp.self).compactMap(\.spawnEnvRelationship)
        if !spawned.isEmpty {
            groups.append((spawned.map { $0.storedColumns(writtenAt: writtenAt) }, statements.insert(.relationship)))
        }
        let turns = records.records(TurnRecord.self)
        let counts = try await insert(turns: turns, groups)
        var inserted: [RecordKind: Int] = [:]
        if !turns.isEmpty { inserted[.turn] = counts.turns }
        for (index, kind) in kinds.enumerated() { inserted[kind] = counts.groups[index] }
        return inserted
    }

    public func query<Record: LedgerRecord>(
        _ type: Record.Type, _ query: LedgerQuery
    ) -> AsyncThrowingStream<Record.QueryOutput, any Error> {
        reader.query(type, query)
    }

    public func queryEncoded<Record: LedgerRecord>(
        _ type: Record.Type, _ query: LedgerQuery
    ) -> AsyncThrowingStream<EncodedRecords, any Error> {
        reader.queryEncoded(type, query)
    }

    public func searchContent(_ text: String, _ query: LedgerQuery) -> AsyncThrowingStream<ContentRecord, any Error> {
        reader.searchContent(text, query)
    }

    public func summary(_ query: LedgerQuery, by grouping: SummaryGrouping?) async throws -> Summary {
        try await reader.summary(query, by: grouping, priced: try await loadBuiltInPricesIfNone())
    }

    public func count(_ kind: RecordKind) async throws -> Int { try await reader.count(kind) }

    public func readContent(sessionId: String, messageId: String?) async throws -> [ContentRecord] {
        try await reader.readContent(sessionId: sessionId, messageId: messageId)
    }

    public func listContentSessionIds() async throws -> [String] {
        try await reader.listContentSessionIds()
    }

    public func pruneContent(
        olderThanMs: Int64, isRecoverable: (@Sendable (String) async -> Bool)?
    ) async throws -> PruneResult {
        let delete = statements.deleteContentSession
        var result = PruneResult()
        for candidate in try await reader.pruneCandidates(olderThanMs: olderThanMs) {
            if let isRecoverable, await isRecoverable(candidate.session) {
                result.skippedRecoverable += 1
                continue
            }
            try await executeWrite(delete, bindings: delete.bindings(["session_id": .text(candidate.session)]))
            result.sessionsDeleted += 1
            result.bytesFreed += candidate.bytes
        }
        return result
    }
}
