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

    /// Runs one statement that returns no rows in its own write transaction.
    func executeWrite(_ statement: RenderedStatement, bindings: [SQLValue]) async throws
}

extension SQLLedgerStore {
    public func appendContent(_ records: [ContentRecord]) async throws -> Int {
        let writtenAt = UTCTimestamp.now()
        return try await insertOne(records.map { RecordColumns.content($0, writtenAt: writtenAt) }, statements.insertContent)
    }

    public func appendCompactions(_ records: [CompactionEvent]) async throws -> Int {
        try await insertOne(records.map(RecordColumns.compaction), statements.insertCompaction)
    }

    public func appendRelationships(_ records: [SessionRelationshipRecord]) async throws -> Int {
        try await insertOne(records.map(RecordColumns.relationship), statements.insertRelationship)
    }

    public func appendToolResultEvents(_ records: [ToolResultEventRecord]) async throws -> Int {
        try await insertOne(records.map(RecordColumns.toolResultEvent), statements.insertToolResultEvent)
    }

    public func appendUserTurns(_ records: [UserTurnRecord]) async throws -> Int {
        try await insertOne(records.map(RecordColumns.userTurn), statements.insertUserTurn)
    }

    /// Stamps and the `spawn-env` relationships they imply, in one transaction.
    public func appendStamps(_ records: [Stamp]) async throws -> Int {
        let relationships = records.compactMap(\.spawnEnvRelationship).map(RecordColumns.relationship)
        let counts = try await insert([
            (records.map(RecordColumns.stamp), statements.insertStamp), (relationships, statements.insertRelationship),
        ])
        return counts.first ?? 0
    }

    private func insertOne(_ rows: [[String: SQLValue]], _ statement: RenderedStatement) async throws -> Int {
        guard !rows.isEmpty else { return 0 }
        return try await insert([(rows, statement)]).first ?? 0
    }

    public func queryTurns(_ query: LedgerQuery) -> AsyncThrowingStream<EnrichedTurn, any Error> {
        reader.queryTurns(query)
    }

    public func queryContent(_ query: LedgerQuery) -> AsyncThrowingStream<ContentRecord, any Error> {
        reader.stream(statements.queryContent, query, kind: .content, ContentRecord.validate)
    }

    public func searchContent(_ text: String, _ query: LedgerQuery) -> AsyncThrowingStream<ContentRecord, any Error> {
        reader.searchContent(text, query)
    }

    public func queryCompactions(_ query: LedgerQuery) -> AsyncThrowingStream<CompactionEvent, any Error> {
        reader.stream(statements.queryCompactions, query, kind: .compaction, CompactionEvent.validate)
    }

    public func queryRelationships(_ query: LedgerQuery) -> AsyncThrowingStream<SessionRelationshipRecord, any Error> {
        reader.stream(statements.queryRelationships, query, kind: .relationship, SessionRelationshipRecord.validate)
    }

    public func queryToolResultEvents(_ query: LedgerQuery) -> AsyncThrowingStream<ToolResultEventRecord, any Error> {
        reader.stream(statements.queryToolResultEvents, query, kind: .toolResultEvent, ToolResultEventRecord.validate)
    }

    public func queryUserTurns(_ query: LedgerQuery) -> AsyncThrowingStream<UserTurnRecord, any Error> {
        reader.stream(statements.queryUserTurns, query, kind: .userTurn, UserTurnRecord.validate)
    }

    public func allStamps() async throws -> [Stamp] {
        try await reader.allStamps()
    }

    public func summary(_ query: LedgerQuery, by grouping: SummaryGrouping?) async throws -> Summary {
        try await reader.summary(query, by: grouping)
    }

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
