/// How an ``HTTPStore`` batches, compresses, times out and retries (server.md §8).
///
/// The defaults suit an ingest over a normal network; batch sizes are further capped by what the server publishes
/// at `GET /v1/limits`.
public struct HTTPStoreOptions: Sendable, Equatable {
    /// Most records in one append request (default 2,000).
    public var batchRecords: Int
    /// Most bytes in one append body before compression (default 8 MiB).
    public var batchBytes: Int
    /// Append requests one `append` call keeps in flight at once (default 4); also ``HTTPStore/appendConcurrency``.
    public var batchesInFlight: Int
    /// Bodies at least this large are sent gzip-compressed (default 1 KiB, where compression starts to pay for its
    /// header and CPU); `nil` never compresses.
    public var gzipMinimumBytes: Int?
    /// How long one call keeps retrying before it fails (default 10 minutes). A stream that delivered records since
    /// its last break starts a new budget.
    public var retryBudget: Duration
    /// The ceiling of the first pause between retries, doubled after each failure (default 250 ms).
    public var backoffBase: Duration
    /// The largest pause between retries (default 30 s).
    public var backoffCap: Duration
    /// The longest `Retry-After` obeyed (default 60 s).
    public var retryAfterCap: Duration
    /// Time to establish a connection (default 10 s).
    public var connectTimeout: Duration
    /// Longest silence while waiting for a response or reading its body (default 120 s); longer than the 60 s a
    /// lock acquire may wait on the server.
    public var readTimeout: Duration
    /// Time from sending a request to its response head, uploads included (default 5 minutes). AsyncHTTPClient's
    /// deadline ends at the head; bodies are bounded by ``readTimeout`` between chunks instead.
    public var responseHeadTimeout: Duration
    /// The lease a lock asks for (default 30 s), renewed every third of it; capped by the server's maximum.
    public var leaseTtlMs: Int64
    /// Largest JSON response, or single NDJSON line, read into memory (default 256 MiB).
    public var maxResponseBytes: Int

    public init(
        batchRecords: Int = 2_000, batchBytes: Int = 8 << 20, batchesInFlight: Int = 4, gzipMinimumBytes: Int? = 1_024,
        retryBudget: Duration = .seconds(600), backoffBase: Duration = .milliseconds(250),
        backoffCap: Duration = .seconds(30), retryAfterCap: Duration = .seconds(60),
        connectTimeout: Duration = .seconds(10), readTimeout: Duration = .seconds(120),
        responseHeadTimeout: Duration = .seconds(300), leaseTtlMs: Int64 = 30_000, maxResponseBytes: Int = 256 << 20
    ) {
        self.batchRecords = batchRecords
        self.batchBytes = batchBytes
        self.batchesInFlight = batchesInFlight
        self.gzipMinimumBytes = gzipMinimumBytes
        self.retryBudget = retryBudget
        self.backoffBase = backoffBase
        self.backoffCap = backoffCap
        self.retryAfterCap = retryAfterCap
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.responseHeadTimeout = responseHeadTimeout
        self.leaseTtlMs = leaseTtlMs
        self.maxResponseBytes = maxResponseBytes
    }

    var backoff: Backoff { Backoff(base: backoffBase, cap: backoffCap, retryAfterCap: retryAfterCap) }

    func retrySchedule(budget: Duration? = nil) -> RetrySchedule {
        RetrySchedule(backoff: backoff, budget: budget ?? retryBudget)
    }
}
