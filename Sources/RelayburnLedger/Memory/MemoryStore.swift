/// A ``StorageAdapter`` that keeps every record in memory: the reference implementation of docs/records.md, used by
/// tests and by `--store memory:`.
///
/// It has the same semantics as the database adapters: appends are idempotent by id (first writer wins) and
/// atomic per batch, queries stream in the order of docs/records.md §5 with fingerprint twins collapsed, stamps fold
/// into turns, content is pruned by the time it was written, and named locks exclude each other within this
/// instance. Nothing survives the process.
public actor MemoryStore: StorageAdapter {
    /// A stored content record and when it was written (ms since the epoch), for pruning.
    struct StoredContent: Sendable {
        let record: ContentRecord
        let writtenAtMs: Int64
    }

    /// Reads the current time in milliseconds since the epoch.
    let now: @Sendable () -> Int64

    /// Turns by id.
    var turns: [String: TurnRecord] = [:]
    /// Fingerprint → the smallest id among the turns sharing it (the canonical twin, docs/records.md §4).
    var canonicalTurnIds: [String: String] = [:]
    /// Content by session id, then content id.
    var content: [String: [String: StoredContent]] = [:]
    /// Records of every other kind but stamps, by kind, then id.
    var tables: [RecordKind: [String: any LedgerRecord]] = [:]
    /// Stamps in append order, and their ids.
    var stamps: [Stamp] = []
    var stampIds: Set<String> = []

    /// Names of the locks currently held, and the callers waiting for each, first come first served.
    var heldLocks: Set<String> = []
    var lockWaiters: [String: [LockWaiter]] = [:]
    var nextWaiterId: UInt64 = 0

    /// The collector server's keys and lease fences (``CollectorStore``).
    var apiKeys: [StoredAPIKey] = []
    var lockFences: [String: Int64] = [:]
    /// `lock_leases`: the recorded expiry of each name's latest grant.
    var leaseExpiries: [String: (fence: Int64, heldUntilMs: Int64)] = [:]
    /// `model_prices` by key.
    var storedPrices: [String: ModelPrice] = [:]

    /// Creates an empty store.
    ///
    /// - Parameter now: The clock content write times are taken from, in milliseconds since the epoch;
    ///   the system's real-time clock by default.
    public init(now: (@Sendable () -> Int64)? = nil) {
        self.now = now ?? WallClock.millisecondsSinceEpoch
    }

    /// Nothing to release; the records stay readable.
    public func close() async {}
}
