/// One store of ledger records: SQLite, PostgreSQL, a relayburn server, or memory.
///
/// Every adapter has the same semantics (docs/records.md): appends are idempotent by id and atomic per batch
/// and return how many records were new; queries stream in the order of section 5 with fingerprint twins
/// collapsed; turns come back with their folded enrichment. The core is generic over ``LedgerRecord``, so a
/// new record kind needs no new requirement here. The conformance suite in RelayburnTestSupport holds every
/// adapter to this.
public protocol StorageAdapter: Sendable {
    /// Appends a batch of one kind atomically and returns how many of its records were new.
    ///
    /// Stamps also record the `spawn-env` relationship of a stamp carrying `parentAgentId` (section 6), in the
    /// same transaction.
    func append<Record: LedgerRecord>(_ records: [Record]) async throws -> Int

    /// Appends records of several kinds, all or none, returning how many of each kind were new (see
    /// ``MixedRecords``; a default appends kind by kind).
    func appendMixed(_ records: MixedRecords) async throws -> [RecordKind: Int]

    /// Streams the records of one kind matching `query`, decoded: in `(ts, id)` order (turns: `(ts,
    /// sessionId, turnIndex, id)`, stamps: append order), turns with their folded enrichment.
    func query<Record: LedgerRecord>(
        _ type: Record.Type, _ query: LedgerQuery
    ) -> AsyncThrowingStream<Record.QueryOutput, any Error>

    /// The same records as ``query(_:_:)``, in the same order, as their stored JSON text in NDJSON pages,
    /// without parsing them again; turns carry their folded `enrichment` as the last key.
    func queryEncoded<Record: LedgerRecord>(
        _ type: Record.Type, _ query: LedgerQuery
    ) -> AsyncThrowingStream<EncodedRecords, any Error>

    /// Content whose text (or tool result) contains every token of `text` (``SearchTokens``), filtered by
    /// `query`, in `(ts, id)` order, through the dialect's full-text index.
    func searchContent(_ text: String, _ query: LedgerQuery) -> AsyncThrowingStream<ContentRecord, any Error>
    /// A session's content in `(ts, id)` order, optionally one message's only.
    func readContent(sessionId: String, messageId: String?) async throws -> [ContentRecord]
    /// Sessions that have content, sorted.
    func listContentSessionIds() async throws -> [String]
    /// Deletes whole sessions whose newest content was written at or before `now - olderThanMs`, skipping those
    /// for which `isRecoverable` returns true.
    func pruneContent(
        olderThanMs: Int64, isRecoverable: (@Sendable (String) async -> Bool)?
    ) async throws
        -> PruneResult

    /// Totals and cost of canonical turns matching `query` (enrichment filters aside), grouped by `grouping`.
    func summary(_ query: LedgerQuery, by grouping: SummaryGrouping?) async throws -> Summary

    /// Every stored price (``ModelPrice``), by model, start and tier; a store that has none first gets the
    /// built-in snapshot (``PriceCatalogue/builtIn(_:)``).
    func prices() async throws -> [ModelPrice]

    /// Stores prices, each once (a price with a stored key is skipped), all or none; returns how many were new.
    /// ``PriceImport`` decides which of a catalogue's prices are changes worth storing.
    func storePrices(_ prices: [ModelPrice]) async throws -> Int

    /// Runs `body` holding the named lock, excluding every other holder on this store (section 8).
    func withLock<T: Sendable>(
        _ name: String, timeoutMs: Int64, _ body: @Sendable () async throws -> T
    ) async throws
        -> T

    /// Runs `body`, letting the store group the appends that `body` itself makes into fewer, larger
    /// transactions. Each append stays atomic and is durable once `body` returns; a crash inside `body` may
    /// lose appends that already returned, which a bulk importer simply repeats. Appends made by other tasks
    /// meanwhile are not grouped: they commit on their own. Stores without a cheaper path just run `body`.
    func bulkAppending<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T

    /// How many append calls a bulk producer may have in flight at once (see the default, 1).
    var appendConcurrency: Int { get }

    /// How many records of `kind` the store holds, fingerprint twins included (what a query with `includeTwins`
    /// streams); SQL stores count in the database, the default streams the kind's encoded pages.
    func count(_ kind: RecordKind) async throws -> Int

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

    public func count(_ kind: RecordKind) async throws -> Int {
        try await countByStreaming(LedgerRecords.type(of: kind))
    }

    private func countByStreaming<Record: LedgerRecord>(_: Record.Type) async throws -> Int {
        var total = 0
        for try await page in queryEncoded(Record.self, LedgerQuery(includeTwins: true)) { total += page.count }
        return total
    }
}
