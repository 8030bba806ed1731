public import RelayburnSchema

/// Every `templates/ledger/` statement rendered once for one dialect; the SQL adapters run only these.
public struct LedgerStatements: Sendable {
    public let dialect: SQLDialect
    public let insertTurn, upsertSession: RenderedStatement
    public let insertContent, insertCompaction, insertRelationship: RenderedStatement
    public let insertToolResultEvent, insertUserTurn, insertStamp: RenderedStatement
    public let queryTurns, queryContent, queryCompactions, queryRelationships: RenderedStatement
    public let queryToolResultEvents, queryUserTurns: RenderedStatement
    public let readStamps, turnIndexOfMessage, summary: RenderedStatement
    public let searchContent, readContent, listContentSessions, contentSessionsWrittenBefore, deleteContentSession: RenderedStatement
    public let acquireLock, releaseLock, lockHolder: RenderedStatement
    public let tryAdvisoryLock, advisoryLockHolder, insertTurnsBatch: RenderedStatement
    /// PostgreSQL only: the one-round-trip batch form of each single-row insert, keyed by the single-row
    /// statement's name (`insert_compaction` → `insert_compactions_batch`).
    public let batchInserts: [String: RenderedStatement]

    /// - Throws: `TemplateError` or `MigrationError.invalidMigrationSet` when a template is missing or broken
    ///   (a build defect the test suite catches).
    public init(dialect: SQLDialect, catalog: SchemaCatalog = .embedded) throws {
        func render(_ name: String) throws -> RenderedStatement { try catalog.statement("ledger/\(name)", for: dialect) }
        self.dialect = dialect
        insertTurn = try render("insert_turn")
        upsertSession = try render("upsert_session")
        insertContent = try render("insert_content")
        insertCompaction = try render("insert_compaction")
        insertRelationship = try render("insert_relationship")
        insertToolResultEvent = try render("insert_tool_result_event")
        insertUserTurn = try render("insert_user_turn")
        insertStamp = try render("insert_stamp")
        queryTurns = try render("query_turns")
        queryContent = try render("query_content")
        queryCompactions = try render("query_compactions")
        queryRelationships = try render("query_relationships")
        queryToolResultEvents = try render("query_tool_result_events")
        queryUserTurns = try render("query_user_turns")
        readStamps = try render("read_stamps")
        turnIndexOfMessage = try render("turn_index_of_message")
        summary = try render("summary")
        searchContent = try render("search_content")
        readContent = try render("read_content")
        listContentSessions = try render("list_content_sessions")
        contentSessionsWrittenBefore = try render("content_sessions_written_before")
        deleteContentSession = try render("delete_content_session")
        acquireLock = try render("acquire_lock")
        releaseLock = try render("release_lock")
        lockHolder = try render("lock_holder")
        tryAdvisoryLock = try render("try_advisory_lock")
        advisoryLockHolder = try render("advisory_lock_holder")
        insertTurnsBatch = try render("insert_turns_batch")
        var batches: [String: RenderedStatement] = [:]
        if dialect == .postgres {
            for (single, batch) in [
                ("insert_content", "insert_content_batch"), ("insert_compaction", "insert_compactions_batch"),
                ("insert_relationship", "insert_relationships_batch"),
                ("insert_tool_result_event", "insert_tool_result_events_batch"),
                ("insert_user_turn", "insert_user_turns_batch"), ("insert_stamp", "insert_stamps_batch"),
            ] {
                batches[single] = try render(batch)
            }
        }
        batchInserts = batches
    }
}

extension RenderedStatement {
    /// The bindings for this statement's parameters, by name; a name not given binds NULL.
    public func bindings(_ values: [String: SQLValue]) -> [SQLValue] {
        parameters.map { values[$0] ?? .null }
    }
}
