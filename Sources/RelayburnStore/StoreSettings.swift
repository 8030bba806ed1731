import RelayburnLedger

/// Everything needed to open one store, resolved once from the `--store` flag and the `RELAYBURN_*`
/// environment by the caller (the CLI, later the server); the libraries never read the environment.
public struct StoreSettings: Sendable, Equatable {
    /// Which store, and where.
    public var location: StoreLocation
    /// The bearer key an `http` store sends (`RELAYBURN_API_KEY`); never printed.
    public var apiKey: String?
    /// The directory for host-local state (`RELAYBURN_HOME`, default `~/.relayburn`).
    public var home: String
    /// The most PostgreSQL sessions for queries and appends (`RELAYBURN_POSTGRES_POOL_SIZE`, default 4).
    public var postgresPoolSize: Int
    /// The most PostgreSQL sessions `withLock` holders use at once (`RELAYBURN_POSTGRES_LOCK_SESSIONS`); each
    /// held lock pins one. `nil`: ``postgresPoolSize``. A holder beyond it waits within its lock timeout.
    public var postgresLockSessions: Int?
    /// How long opening a store waits for another process's migration lock.
    public var migrationLockTimeoutMs: Int64
    /// The newest migration the command's code needs (``LedgerSchema/requiredVersion`` for ledger commands): a
    /// store that has it is opened without waiting for another host's migration. `nil` waits for all of them.
    public var requiredSchemaVersion: Int? = LedgerSchema.requiredVersion
    /// PostgreSQL `lock_timeout` for migration statements (`RELAYBURN_TABLE_LOCK_TIMEOUT_MS`; the runner's 2 s
    /// when `nil`).
    public var tableLockTimeoutMs: Int64?
    /// This binary's version, recorded in the fleet census.
    public var relayburnVersion = "unknown"
    /// How often this host refreshes its census row per store (`RELAYBURN_CENSUS_INTERVAL_MS`, default 1 h):
    /// a host-local file's time decides, so the no-op open stays one query.
    public var censusIntervalMs: Int64 = 3_600_000
    /// How long a SQLite `withLock` lease lasts without renewal: how long a killed holder can block the next.
    public var lockLeaseMs: Int64
    /// `user@host pid N (relayburn VERSION)`: recorded as `applied_by`, shown as the application name.
    public var identity: String
    /// How long an `http` store keeps retrying one call before failing (`RELAYBURN_HTTP_RETRY_BUDGET_MS`,
    /// default 10 minutes, server.md §8).
    public var httpRetryBudgetMs: Int64?
    /// Whether an `http` store gzips request bodies (`RELAYBURN_HTTP_GZIP=off` turns it off; on by default).
    public var httpGzip = true

    public init(
        location: StoreLocation, identity: String, home: String, apiKey: String? = nil, postgresPoolSize: Int = 4,
        migrationLockTimeoutMs: Int64 = 60_000, lockLeaseMs: Int64 = 30_000
    ) {
        self.location = location
        self.identity = identity
        self.home = home
        self.apiKey = apiKey
        self.postgresPoolSize = postgresPoolSize
        self.migrationLockTimeoutMs = migrationLockTimeoutMs
        self.lockLeaseMs = lockLeaseMs
    }

    /// Resolves the settings from `--store` (which overrides the environment) and `environment`.
    ///
    /// - Throws: `ConfigurationError` naming the flag or variable at fault.
    public static func resolve(flag: String?, environment: [String: String], identity: String) throws -> StoreSettings {
        var settings = StoreSettings(
            location: try StoreConfiguration.resolve(flag: flag, environment: environment), identity: identity,
            home: StoreConfiguration.home(environment: environment),
            apiKey: environment["RELAYBURN_API_KEY"].flatMap { $0.isEmpty ? nil : $0 },
            postgresPoolSize: try StoreConfiguration.postgresPoolSize(environment: environment))
        settings.postgresLockSessions = try StoreConfiguration.postgresLockSessions(environment: environment)
        settings.httpRetryBudgetMs = try StoreConfiguration.milliseconds(
            "RELAYBURN_HTTP_RETRY_BUDGET_MS", environment: environment, range: 0...3_600_000)
        settings.httpGzip = try StoreConfiguration.httpGzip(environment: environment)
        settings.censusIntervalMs =
            try StoreConfiguration.milliseconds(
                "RELAYBURN_CENSUS_INTERVAL_MS", environment: environment, range: 0...604_800_000) ?? 3_600_000
        settings.tableLockTimeoutMs = try StoreConfiguration.milliseconds(
            "RELAYBURN_TABLE_LOCK_TIMEOUT_MS", environment: environment, range: 1...3_600_000)
        return settings
    }

    /// The same settings for another store (the target of `relayburn copy`).
    public func at(_ location: StoreLocation) -> StoreSettings {
        var settings = self
        settings.location = location
        return settings
    }
}
