public import RelayburnLedger
public import RelayburnSchema

extension SQLiteStore {
    /// `relayburn query KIND` of a whole table (no filter, no cursor) on the calling thread, on an open database
    /// whose schema the caller has checked (`StoreConnector.exportBlocking`): the kind's `export` statement is
    /// stepped and each page of stored JSON handed to `write` as the async stream would hand it (the same statement
    /// and ``StoredRowEncoder``, so the same bytes).
    ///
    /// A one-shot command that reads one small table spends most of its time on fixed costs: the concurrency
    /// runtime, the hops to the connections' threads and back, a second connection for streams. This path has none
    /// of them. Kinds without an export (turns fold stamps and collapse twins; stamps stream in append order) write
    /// nothing.
    ///
    /// - Throws: what reading the database throws, and what `write` throws.
    public static func exportBlocking(
        _ kind: RecordKind, from database: SQLiteDatabase, catalog: SchemaCatalog = .embedded,
        pageSize: Int = 4_000, pageBytes: Int = 1 << 20, write: (EncodedRecords) throws -> Void
    ) throws {
        guard let export = try LedgerStatements(dialect: .sqlite, catalog: catalog).export(kind) else { return }
        // The connection only reads from here, as the stream connection does: its small cache and query_only.
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
    }
}
