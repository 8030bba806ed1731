import RelayburnSchema

/// A store this binary may read but not write: the runner found a newer migration declared `compat=read-only`
/// (``StoreAccess/readOnly(reason:)``). Reads pass through; every write, lock and prune refuses with one sentence
/// naming that migration and the relayburn to upgrade to.
public final class ReadOnlyStore: StorageAdapter, CollectorStore {
    public let base: any StorageAdapter
    /// The sentence writes refuse with.
    public let reason: String

    public init(_ base: any StorageAdapter, reason: String) {
        self.base = base
        self.reason = reason
    }

    private var refusal: StoreReadOnlyError { StoreReadOnlyError(reason) }

    public func append<Record: LedgerRecord>(_ records: [Record]) async throws -> Int { throw refusal }

    public func appendMixed(_ records: MixedRecords) async throws -> [RecordKind: Int] { throw refusal }

    public func query<Record: LedgerRecord>(
        _ type: Record.Type, _ query: LedgerQuery
    ) -> AsyncThrowingStream<Record.QueryOutput, any Error> {
        base.query(type, query)
    }

    public func queryEncoded<Record: LedgerRecord>(
        _ type: Record.Type, _ query: LedgerQuery
    ) -> AsyncThrowingStream<EncodedRecords, any Error> {
        base.queryEncoded(type, query)
    }

    public func searchContent(_ text: String, _ query: LedgerQuery) -> AsyncThrowingStream<ContentRecord, any Error> {
        base.searchContent(text, query)
    }

    public func readContent(sessionId: String, messageId: String?) async throws -> [ContentRecord] {
        try await base.readContent(sessionId: sessionId, messageId: messageId)
    }

    public func listContentSessionIds() async throws -> [String] { try await base.listContentSessionIds() }

    public func pruneContent(
        olderThanMs: Int64, isRecoverable: (@Sendable (String) async -> Bool)?
    ) async throws -> PruneResult {
        throw refusal
    }

    public func summary(_ query: LedgerQuery, by grouping: SummaryGrouping?) async throws -> Summary {
        try await base.summary(query, by: grouping)
    }

    public func count(_ kind: RecordKind) async throws -> Int { try await base.count(kind) }

    public func prices() async throws -> [ModelPrice] { try await base.prices() }

    public func storePrices(_ prices: [ModelPrice]) async throws -> Int { throw refusal }

    /// Locks exist to serialise writers, so a store that cannot be written grants none.
    public func withLock<T: Sendable>(
        _ name: String, timeoutMs: Int64, _ body: @Sendable () async throws -> T
    ) async throws -> T {
        throw refusal
    }

    public func close() async { await base.close() }

    // Keys can still be read (a read-only server authenticates its readers); they cannot be changed.
    public func createAPIKey(_ key: StoredAPIKey) async throws { throw refusal }

    public func listAPIKeys() async throws -> [StoredAPIKey] {
        try await (base as? any CollectorStore)?.listAPIKeys() ?? []
    }

    public func revokeAPIKey(name: String, at revokedAt: String) async throws -> Bool { throw refusal }

    public func leaseHeldUntil(_ name: String) async throws -> Int64? { throw refusal }

    public func nextLockFence(_ name: String, heldUntilMs: Int64) async throws -> Int64 { throw refusal }

    public func extendLease(_ name: String, fence: Int64, heldUntilMs: Int64) async throws { throw refusal }

    public func releaseLease(_ name: String, fence: Int64) async throws { throw refusal }
}
