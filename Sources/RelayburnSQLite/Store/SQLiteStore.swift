public import RelayburnLedger
public import RelayburnSchema

/// The embedded default store: one SQLite file in WAL mode, every append batch one `BEGIN IMMEDIATE`
/// transaction, prepared statements reused across batches, all SQL from `templates/ledger/`.
public final class SQLiteStore: SQLLedgerStore, CollectorStore {
    let database: SQLiteDatabase
    public let statements: LedgerStatements
    let session: TransactionStatements
    /// Rows fetched per round trip to the connection's queue when streaming; bounds memory whatever the size.
    let pageSize: Int64
    /// How long a `withLock` row stays valid without renewal; a dead holder blocks others at most this long.
    let leaseMs: Int64
    /// Whether this binary may write the store (the runner's verdict on migrations it does not know).
    public let schemaAccess: StoreAccess
    /// The open bulk transaction, if any; only touched on the connection's queue.
    let bulk = BulkTransaction()
    /// Queries, summaries and content reads, shared with the PostgreSQL store.
    public let reader: SQLLedgerReader

    /// The connection streams read on: WAL lets it read while the main connection writes, and its small page
    /// cache keeps a stream's memory flat (the main connection's large cache serves the random-key indexes of
    /// imports, which a stream never touches twice).
    let streamDatabase: SQLiteDatabase

    private init(
        database: SQLiteDatabase, streamDatabase: SQLiteDatabase, statements: LedgerStatements,
        session: TransactionStatements, leaseMs: Int64, schemaAccess: StoreAccess = .readWrite,
        pageSize: Int64 = 4_000
    ) {
        self.pageSize = pageSize
        self.leaseMs = leaseMs
        self.database = database
        self.streamDatabase = streamDatabase
        self.reader = SQLLedgerReader(
            statements: statements, pageSize: pageSize, pageBytes: 1 << 20,
            run: { statement, bindings in
                try await database.run { connection in try connection.cachedQuery(statement, bindings: bindings) }
            },
            runForStream: { statement, bindings in
                try await streamDatabase.run { connection in try connection.cachedQuery(statement, bindings: bindings) }
            },
            runNamed: { statement, bindings in
                try await streamDatabase.run { connection in try connection.namedQuery(statement, bindings: bindings) }
            },
            openPager: { SQLiteStreamPager(database: streamDatabase) })
        self.statements = statements
        self.session = session
        self.schemaAccess = schemaAccess
    }

    /// Opens (creating if needed) the store at `path` and brings its schema up to date first; with
    /// `requiredVersion`, a store that already has that migration is not waited on (``MigrationRunner``).
    ///
    /// - Throws: `DatabaseError` when the file cannot be opened, `MigrationError` when it cannot be migrated.
    public static func open(
        path: String, appliedBy: String, catalog: SchemaCatalog = .embedded, lockTimeoutMs: Int64 = 60_000,
        leaseMs: Int64 = 30_000, requiredVersion: Int? = nil, census: CensusIdentity? = nil,
        relayburnVersion: String? = nil
    ) async throws -> SQLiteStore {
        let database = try await SQLiteDatabase.open(path: path, catalog: catalog)
        var runner = MigrationRunner(
            driver: SQLiteMigrationDriver(database: database, catalog: catalog), catalog: catalog,
            lockTimeoutMs: lockTimeoutMs, appliedBy: appliedBy)
        runner.requiredVersion = requiredVersion
        runner.relayburnVersion = relayburnVersion
        let report = try await runner.migrate()
        if let census {
            // Best effort: a census row that cannot be written never fails a command.
            try? await runner.recordCensus(host: census.host, relayburnVersion: census.relayburnVersion)
        }
        // A second connection to ":memory:" would be another, empty database.
        let streamDatabase =
            path == ":memory:"
            ? database
            : try await SQLiteDatabase.open(
                path: path, catalog: catalog, configuration: "session/configure_sqlite_stream")
        return SQLiteStore(
            database: database, streamDatabase: streamDatabase,
            statements: try LedgerStatements(dialect: .sqlite, catalog: catalog),
            session: try TransactionStatements(dialect: .sqlite, catalog: catalog), leaseMs: leaseMs,
            schemaAccess: report.access)
    }

    /// Closes both connections; operations after it throw ``StoreClosedError``.
    public func close() async {
        await database.close()
        if streamDatabase !== database { await streamDatabase.close() }
    }

    /// Runs `body` in one write transaction: committed when it returns, rolled back when it throws. Inside
    /// this store's `bulkAppending` (in the task that called it) it runs under a savepoint of a longer
    /// transaction instead; any other writer first commits what that transaction holds.
    /// Lock rows pass `mayJoinBulk: false`: other processes must see them at once.
    func write<T: Sendable>(
        mayJoinBulk: Bool = true, _ body: @escaping @Sendable (SQLiteConnection) throws -> T
    ) async throws -> T {
        let session = self.session
        let bulk = self.bulk
        let joinsBulk = mayJoinBulk && BulkTransaction.owner == ObjectIdentifier(bulk)
        return try await database.run { connection in
            if joinsBulk && bulk.depth > 0 { return try bulk.write(connection, session, body) }
            try bulk.commit(connection, session)
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

    /// Inserts each row (the bindings of `statement`, `INSERT … ON CONFLICT DO NOTHING`) and counts the new ones.
    static func insert(
        _ rows: [[SQLValue]], with statement: RenderedStatement, on connection: SQLiteConnection,
        afterNew: (Int) throws -> Void = { _ in }
    ) throws -> Int {
        var inserted = 0
        for (index, row) in rows.enumerated() {
            if try connection.change(statement, bindings: row) > 0 {
                inserted += 1
                try afterNew(index)
            }
        }
        return inserted
    }
}
