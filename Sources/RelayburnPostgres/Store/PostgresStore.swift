public import RelayburnLedger
public import RelayburnSchema

/// The shared production store: one PostgreSQL database that many hosts append to concurrently. Appends are
/// `INSERT … ON CONFLICT DO NOTHING` in one transaction per batch, so every host converges to one row per record
/// without coordinating; all SQL comes from `templates/ledger/`, rendered for PostgreSQL.
///
/// Operations share a ``PostgresPool``: a session the server drops is replaced and the operation run again
/// (each is one transaction, so repeating it is safe). Streamed queries run once each in single-row mode on a
/// leased session (``SingleRowPager``), resuming by key on a new session if theirs breaks.
public final class PostgresStore: SQLLedgerStore, CollectorStore {
    /// Whether this binary may write the store (the runner's verdict on migrations it does not know).
    public let schemaAccess: StoreAccess
    /// The sessions queries and appends run on.
    public let pool: PostgresPool
    /// The sessions `withLock` holds its locks on, apart from ``pool`` so holders never starve other work.
    let lockSessions: PostgresPool
    let conninfo: String
    let applicationName: String
    public let statements: LedgerStatements
    let session: TransactionStatements
    let catalog: SchemaCatalog
    /// Rows handed out per page when streaming.
    let pageSize: Int64 = 1_000
    /// Queries, summaries and content reads, shared with the SQLite store.
    public let reader: SQLLedgerReader

    private init(
        pool: PostgresPool, lockSessions: PostgresPool, conninfo: String, applicationName: String,
        catalog: SchemaCatalog, schemaAccess: StoreAccess
    ) throws {
        self.schemaAccess = schemaAccess
        self.pool = pool
        self.lockSessions = lockSessions
        self.conninfo = conninfo
        self.applicationName = applicationName
        self.catalog = catalog
        let statements = try LedgerStatements(dialect: .postgres, catalog: catalog)
        self.statements = statements
        session = try TransactionStatements(dialect: .postgres, catalog: catalog)
        reader = SQLLedgerReader(
            statements: statements, pageSize: pageSize,
            run: { statement, bindings in
                try await pool.run { connection in try connection.query(statement, bindings: bindings) }
            },
            runNamed: { statement, bindings in
                try await pool.run { connection in try connection.namedQuery(statement, bindings: bindings) }
            },
            openPager: { SingleRowPager(pool: pool) })
    }

    /// The pool size when none is configured (`RELAYBURN_POSTGRES_POOL_SIZE`).
    public static let defaultPoolSize = 4

    /// Connects with the user's connection string and brings the schema up to date first.
    ///
    /// - Parameters:
    ///   - poolSize: The most sessions the store opens at once for queries and appends.
    ///   - requiredVersion: The newest migration the caller needs; a store that has it is not waited on.
    ///   - tableLockTimeoutMs: `lock_timeout` for migration statements (``MigrationRunner/tableLockTimeoutMs``).
    ///   - lockSessionLimit: The most sessions `withLock` holders use at once (``poolSize`` by default); a
    ///     holder beyond it waits for one, within its lock timeout's budget of the caller's task.
    /// - Throws: `DatabaseError` when the connection fails, `MigrationError` when migrating fails.
    public static func open(
        conninfo: String, appliedBy: String, catalog: SchemaCatalog = .embedded, lockTimeoutMs: Int64 = 60_000,
        poolSize: Int = defaultPoolSize, lockSessionLimit: Int? = nil, requiredVersion: Int? = nil,
        tableLockTimeoutMs: Int64? = nil, census: CensusIdentity? = nil, relayburnVersion: String? = nil
    ) async throws -> PostgresStore {
        let applicationName = "relayburn \(appliedBy)"
        let (database, runner, report) = try await connectAndMigrate(conninfo: conninfo) {
            let database = try await PostgresDatabase.connect(
                conninfo: conninfo, applicationName: applicationName, catalog: catalog)
            var runner = MigrationRunner(
                driver: PostgresMigrationDriver(database: database, catalog: catalog), catalog: catalog,
                lockTimeoutMs: lockTimeoutMs, appliedBy: appliedBy)
            // A store that already has what our code needs is not waited on (see MigrationRunner.requiredVersion).
            runner.requiredVersion = requiredVersion
            runner.relayburnVersion = relayburnVersion
            if let tableLockTimeoutMs { runner.tableLockTimeoutMs = tableLockTimeoutMs }
            return (database, runner)
        }
        if let census {
            // Best effort: a census row that cannot be written never fails a command.
            try? await runner.recordCensus(host: census.host, relayburnVersion: census.relayburnVersion)
        }
        let pool = try PostgresPool(size: poolSize, catalog: catalog) {
            try await PostgresDatabase.connect(conninfo: conninfo, applicationName: applicationName, catalog: catalog)
        }
        await pool.adopt(database)
        let lockSessions = try PostgresPool(size: lockSessionLimit ?? poolSize, catalog: catalog) {
            try await PostgresDatabase.connect(conninfo: conninfo, applicationName: applicationName, catalog: catalog)
        }
        return try PostgresStore(
            pool: pool, lockSessions: lockSessions, conninfo: conninfo, applicationName: applicationName,
            catalog: catalog, schemaAccess: report.access)
    }

    /// Shuts the pool down: idle sessions close, operations waiting for a session fail with
    /// ``StoreClosedError``, and sessions in use close as they are given back.
    public func close() async {
        await pool.close()
        await lockSessions.close()
    }

    /// Batches in flight at once during an import: one per pooled session.
    public var appendConcurrency: Int { pool.size }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws; run again on a
    /// fresh session when the session broke (the server rolled the transaction back with it).
    func write<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        let session = self.session
        return try await pool.run { connection in
            try connection.execute(script: session.beginWrite)
            do {
                let result = try body(connection)
                try connection.execute(script: session.commit)
                return result
            } catch {
                try? connection.execute(script: session.rollback)
                throw error
            }
        }
    }
}
