/// One store of ledger records: SQLite, PostgreSQL, a relayburn server, or memory.
///
/// Every adapter has the same semantics (records.md): appends are idempotent by id and atomic per batch and
/// return how many records were new; queries stream in the order of section 5 with fingerprint twins
/// collapsed; turns come back with their folded enrichment. The conformance suite in RelayburnTestSupport
/// holds every adapter to this.
public protocol StorageAdapter: Sendable {
    func appendTurns(_ records: [TurnRecord]) async throws -> Int
    func appendContent(_ records: [ContentRecord]) async throws -> Int
    func appendCompactions(_ records: [CompactionEvent]) async throws -> Int
    func appendRelationships(_ records: [SessionRelationshipRecord]) async throws -> Int
    func appendToolResultEvents(_ records: [ToolResultEventRecord]) async throws -> Int
    func appendUserTurns(_ records: [UserTurnRecord]) async throws -> Int
    /// Also records the `spawn-env` relationship of a stamp carrying `parentAgentId` (section 6), atomically.
    func appendStamps(_ records: [Stamp]) async throws -> Int

    func queryTurns(_ query: LedgerQuery) -> AsyncThrowingStream<EnrichedTurn, any Error>
    func queryContent(_ query: LedgerQuery) -> AsyncThrowingStream<ContentRecord, any Error>
    func queryCompactions(_ query: LedgerQuery) -> AsyncThrowingStream<CompactionEvent, any Error>
    func queryRelationships(_ query: LedgerQuery) -> AsyncThrowingStream<SessionRelationshipRecord, any Error>
    func queryToolResultEvents(_ query: LedgerQuery) -> AsyncThrowingStream<ToolResultEventRecord, any Error>
    func queryUserTurns(_ query: LedgerQuery) -> AsyncThrowingStream<UserTurnRecord, any Error>

    /// Every stamp in append order (for copying a store; turns already carry their folded enrichment).
    func allStamps() async throws -> [Stamp]
    /// Content whose text (or tool result) contains every token of `text` (``SearchTokens``), filtered by
    /// `query`, in `(ts, id)` order, through the dialect's full-text index.
    func searchContent(_ text: String, _ query: LedgerQuery) -> AsyncThrowingStream<ContentRecord, any Error>
    /// A session's content in `(ts, id)` order, optionally one message's only.
    func readContent(sessionId: String, messageId: String?) async throws -> [ContentRecord]
    /// Sessions that have content, sorted.
    func listContentSessionIds() async throws -> [String]
    /// Deletes whole sessions whose newest content was written at or before `now - olderThanMs`, skipping those
    /// for which `isRecoverable` returns true.
    func pruneContent(olderThanMs: Int64, isRecoverable: (@Sendable (String) async -> Bool)?) async throws -> PruneResult

    /// Totals of canonical turns matching `query` (enrichment filters aside), grouped by `grouping`.
    func summary(_ query: LedgerQuery, by grouping: SummaryGrouping?) async throws -> Summary

    /// Runs `body` holding the named lock, excluding every other holder on this store (section 8).
    func withLock<T: Sendable>(_ name: String, timeoutMs: Int64, _ body: @Sendable () async throws -> T) async throws -> T

    /// Runs `body`, letting the store group the appends it makes into fewer, larger transactions. Each append
    /// stays atomic and is durable once `body` returns; a crash inside `body` may lose appends that already
    /// returned, which a bulk importer simply repeats. Stores without a cheaper path just run `body`.
    func bulkAppending<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T

    /// How many append calls a bulk producer may have in flight at once (see the default, 1).
    var appendConcurrency: Int { get }

    /// Releases connections; the adapter is unusable afterwards.
    func close() async
}

extension StorageAdapter {
    /// How many append batches a bulk producer (an import) may have in flight at once; 1 unless the store
    /// writes on several sessions in parallel.
    public var appendConcurrency: Int { 1 }

    public func bulkAppending<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await body()
    }
}
