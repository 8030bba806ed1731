public import RelayburnLedger
public import RelayburnSchema

#if canImport(Glibc)
    import Glibc
#endif

extension SQLiteStore {
    /// `relayburn query KIND` of a whole table (no filter, no cursor) on the calling thread: the store is opened,
    /// its no-op migration checked and the kind's `export` statement stepped on one connection, each page of stored
    /// JSON handed to `write` as the async stream would hand it (the same statement and ``StoredRowEncoder``, so the
    /// same bytes).
    ///
    /// A one-shot command that reads one small table spends most of its time on fixed costs: the concurrency
    /// runtime, the hops to the connections' threads and back, a second connection for streams. This path has none
    /// of them. It answers `false`, having written nothing, whenever ``open(path:appliedBy:catalog:lockTimeoutMs:leaseMs:requiredVersion:census:relayburnVersion:)``
    /// has work to do first (a missing file, pending migrations, an edited migration to judge) and for kinds
    /// without an export (turns fold stamps and collapse twins; stamps stream in append order).
    ///
    /// - Throws: what opening the store or reading it throws, and what `write` throws.
    public static func exportBlocking(
        path: String, kind: RecordKind, appliedBy: String, catalog: SchemaCatalog = .embedded,
        pageSize: Int = 4_000, pageBytes: Int = 1 << 20, write: (EncodedRecords) throws -> Void
    ) throws -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { return false }
        let statements = try LedgerStatements(dialect: .sqlite, catalog: catalog)
        guard let export = statements.export(kind) else { return false }
        let database = try SQLiteDatabase.openBlocking(path: path, catalog: catalog)
        defer { database.closeBlocking() }
        let driver = SQLiteMigrationDriver(database: database, catalog: catalog)
        let runner = MigrationRunner(driver: driver, catalog: catalog, appliedBy: appliedBy)
        guard try driver.withConnectionBlocking({ try runner.noOpReport(on: $0) }) != nil else { return false }
        // From here the connection only reads, as the stream connection does: its small cache and query_only.
        let streamSession = try catalog.statement("session/configure_sqlite_stream", for: .sqlite)
        let keyColumns = SQLLedgerReader.keyColumns(of: kind)
        try database.runBlocking { connection in
            try connection.execute(script: streamSession)
            let prepared = try SQLiteStatement(connection: connection, statement: export)
            try prepared.bind(export.parameters.map { $0 == "page_size" ? .integer(Int64.max) : .null })
            var done = false
            while !done {
                var encoder = StoredRowEncoder(
                    kind: kind, keyColumns: keyColumns, pageSize: pageSize, byteBudget: pageBytes)
                while !encoder.isFull {
                    guard try prepared.step({ row in try encoder.add(row, statement: export.name) }) else {
                        done = true
                        break
                    }
                }
                if encoder.page.count > 0 { try write(encoder.page) }
            }
        }
        return true
    }
}
