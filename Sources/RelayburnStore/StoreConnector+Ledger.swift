public import RelayburnLedger
import RelayburnPostgres
import RelayburnSQLite
import RelayburnSchema

extension StoreConnector {
    /// Opens the ledger store `settings` describe, bringing its schema up to date first (init-time migration).
    ///
    /// - Throws: `ConfigurationError` for stores this build cannot open yet, `DatabaseError` or
    ///   `MigrationError` when the database cannot be opened or migrated.
    public static func openStore(_ settings: StoreSettings) async throws -> any StorageAdapter {
        switch settings.location {
        case .sqlite(let path):
            try ensureParentDirectory(of: path, home: settings.home)
            let store = try await SQLiteStore.open(
                path: path, appliedBy: settings.identity, lockTimeoutMs: settings.migrationLockTimeoutMs,
                leaseMs: settings.lockLeaseMs, requiredVersion: settings.requiredSchemaVersion,
                census: censusDue(settings), relayburnVersion: settings.relayburnVersion)
            return guarded(store, store.schemaAccess)
        case .memory:
            return MemoryStore()
        case .postgres(let conninfo):
            let store = try await PostgresStore.open(
                conninfo: conninfo, appliedBy: settings.identity, lockTimeoutMs: settings.migrationLockTimeoutMs,
                poolSize: settings.postgresPoolSize, lockSessionLimit: settings.postgresLockSessions,
                requiredVersion: settings.requiredSchemaVersion,
                tableLockTimeoutMs: settings.tableLockTimeoutMs, census: censusDue(settings),
                relayburnVersion: settings.relayburnVersion)
            return guarded(store, store.schemaAccess)
        case .http(let baseURL):
            // The server migrates its own database; the opener (relayburn-net) reads its limits, checking the key.
            guard let open = httpOpener.current else {
                throw ConfigurationError(
                    "this build cannot open http stores; run relayburn-net, which the relayburn binary hands http "
                        + "stores to")
            }
            return try await open(baseURL, settings)
        }
    }

    /// `store` itself, or wrapped so that writes refuse when a newer migration made it read-only for this binary.
    static func guarded(_ store: any StorageAdapter, _ access: StoreAccess) -> any StorageAdapter {
        guard case .readOnly(let reason) = access else { return store }
        return ReadOnlyStore(store, reason: reason)
    }
}
