public import RelayburnLedger
import RelayburnPostgres
import RelayburnSQLite
public import RelayburnSchema

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

extension StoreConnector {
    /// A whole table of `kind` (no filter, no cursor) written page by page on the calling thread
    /// (``SQLiteStore/exportBlocking(_:from:catalog:pageSize:pageBytes:write:)``), once the no-op check has found the
    /// store up to date: `true` when it was,
    /// `false`, having written nothing, when ``openStore(_:)`` must run first: any store but an existing SQLite file,
    /// a store with migration work to do, a census row due.
    ///
    /// - Throws: what opening and reading the store throws, and what `write` throws.
    public static func exportBlocking(
        _ settings: StoreSettings, kind: RecordKind, catalog: SchemaCatalog = .embedded,
        write: (EncodedRecords) throws -> Void
    ) throws -> Bool {
        guard case .sqlite(let path) = settings.location, !censusIsDue(settings),
            try LedgerStatements(dialect: .sqlite, catalog: catalog).export(kind) != nil,
            let (driver, report) = try openSQLiteAtNoOp(path, settings, to: nil, catalog: catalog)
        else { return false }
        defer { driver.database.closeBlocking() }
        guard report != nil else { return false }
        try SQLiteStore.exportBlocking(kind, from: driver.database, catalog: catalog, write: write)
        return true
    }
}
