public import RelayburnLedger
import RelayburnPostgres
import RelayburnSQLite

extension StoreConnector {
    /// Opens the ledger store behind `location`, bringing its schema up to date first (init-time migration).
    ///
    /// - Throws: `ConfigurationError` for stores this build cannot open yet, `DatabaseError` or
    ///   `MigrationError` when the database cannot be opened or migrated.
    /// - Parameter lockLeaseMs: how long a SQLite `withLock` lease lasts without renewal, i.e. how long a
    ///   killed holder can block the next one.
    public static func openStore(
        for location: StoreLocation, identity: String, lockLeaseMs: Int64 = 30_000
    ) async throws -> any StorageAdapter {
        switch location {
        case .sqlite(let path):
            try ensureParentDirectory(of: path)
            return try await SQLiteStore.open(path: path, appliedBy: identity, leaseMs: lockLeaseMs)
        case .memory:
            return MemoryStore()
        case .postgres(let conninfo):
            let poolSize = try StoreConfiguration.postgresPoolSize(
                environment: processEnvironment(), default: PostgresStore.defaultPoolSize)
            return try await PostgresStore.open(conninfo: conninfo, appliedBy: identity, poolSize: poolSize)
        case .http:
            throw ConfigurationError("the http store is not available in this build; use a sqlite: store")
        }
    }
}
