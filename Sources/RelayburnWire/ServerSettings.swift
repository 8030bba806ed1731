/// How one `relayburn server` listens, authenticates and limits (server.md §3, §5, §9); the CLI resolves it from
/// flags and `RELAYBURN_SERVER_*` variables, tests build it directly.
public struct ServerSettings: Sendable {
    public var host: String
    /// 0 picks a free port (tests); ``ServerApplication/onListening`` reports the one bound.
    public var port: Int
    /// Published at `/v1/limits` and enforced on every append and acquire.
    public var limits: ServerLimits
    /// Longest a request body may take to arrive in full (408 past it).
    public var bodyTimeoutMs: Int64
    /// Idle keep-alive connections are closed after this long.
    public var idleTimeoutMs: Int64
    /// Request-body bytes all requests together may hold at once (503 `server_busy` beyond).
    public var maxBodyBytesInFlight: Int = 256 << 20
    /// Most NDJSON streams open at once (503 `too_many_streams` beyond).
    public var maxStreams: Int
    /// Most connections at once; more wait in the backlog.
    public var maxConnections: Int
    /// Most leases held at once, all from the backing store's bounded lock sessions.
    public var maxLeases: Int
    /// Keys from `RELAYBURN_API_KEYS`, already hashed.
    public var configuredKeys: [AcceptedKey]
    /// Serve without any key check (`--insecure-no-auth`).
    public var insecureNoAuth: Bool
    /// How often database keys are re-read, so a revocation reaches every replica in time (≤ 5 s).
    public var keyRefreshMs: Int64
    /// How old the last successful read of the database's keys may be before they are no longer trusted: past
    /// it a database key gets 503 (retry) rather than being accepted on a set that may miss a revocation.
    public var keyMaxAgeMs: Int64 = 30_000
    /// How long SIGTERM lets in-flight requests finish before open streams are cancelled.
    public var shutdownGraceMs: Int64
    /// Where access-log lines go (one JSON object per line); standard output by default.
    public var accessLog: @Sendable (String) -> Void

    public init(
        host: String = "127.0.0.1", port: Int = 8080, limits: ServerLimits = ServerLimits(),
        bodyTimeoutMs: Int64 = 60_000, idleTimeoutMs: Int64 = 30_000, maxStreams: Int = 32,
        maxConnections: Int = 1_024, maxLeases: Int = 256, configuredKeys: [AcceptedKey] = [],
        insecureNoAuth: Bool = false, keyRefreshMs: Int64 = 2_000, shutdownGraceMs: Int64 = 25_000,
        accessLog: @escaping @Sendable (String) -> Void = StandardStreams.writeLine
    ) {
        self.host = host
        self.port = port
        self.limits = limits
        self.bodyTimeoutMs = bodyTimeoutMs
        self.idleTimeoutMs = idleTimeoutMs
        self.maxStreams = maxStreams
        self.maxConnections = maxConnections
        self.maxLeases = maxLeases
        self.configuredKeys = configuredKeys
        self.insecureNoAuth = insecureNoAuth
        self.keyRefreshMs = keyRefreshMs
        self.shutdownGraceMs = shutdownGraceMs
        self.accessLog = accessLog
    }
}
