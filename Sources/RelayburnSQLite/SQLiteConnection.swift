import CSQLite

#if canImport(Glibc)
    import Glibc
#endif
public import RelayburnSchema

/// One open `sqlite3` handle, closed when the object goes away.
///
/// Not thread-safe by design: it is opened with `SQLITE_OPEN_NOMUTEX` and confined to one ``SQLiteDatabase``
/// queue, which is the only code that ever touches it.
public final class SQLiteConnection {
    let handle: OpaquePointer
    /// Prepared statements kept for reuse across batches, keyed by name (hashing a name per row is cheap; hashing
    /// the SQL text was a visible share of an import) and checked against the SQL on every hit.
    private var statementCache: [String: SQLiteStatement] = [:]
    /// The file this connection opened (`:memory:` for a scratch database).
    public let path: String

    /// Opens (creating if needed) the database at `path` with extended result codes and a busy timeout.
    ///
    /// - Throws: `DatabaseError` with SQLite's extended code when the file cannot be opened.
    public init(path: String, busyTimeoutMs: Int32 = 10_000) throws {
        var opened: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &opened, flags, nil)
        guard let opened else {
            throw DatabaseError(code: String(status), message: "cannot open SQLite database \(path): out of memory")
        }
        guard status == SQLITE_OK else {
            // sqlite3_open_v2 returns a handle even on failure; "the database connection handle is usually
            // returned in *ppDb, even if an error occurs" and must still be closed.
            let message = String(cString: sqlite3_errmsg(opened))
            sqlite3_close_v2(opened)
            throw DatabaseError(code: String(status), message: "cannot open SQLite database \(path): \(message)")
        }
        handle = opened
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMs)
    }

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// A prepared statement for `statement`, prepared once per connection and reused (reset before each use).
    func cachedStatement(_ statement: RenderedStatement) throws -> SQLiteStatement {
        if let cached = statementCache[statement.name], cached.sql == statement.sql { return cached }
        let prepared = try SQLiteStatement(connection: self, statement: statement)
        statementCache[statement.name] = prepared
        return prepared
    }

    /// Runs `statement` (prepared once, reused) with `bindings` and hands each row to `row`.
    public func forEachRow(
        _ statement: RenderedStatement, bindings: [SQLValue], _ row: ([SQLValue]) throws -> Void
    ) throws {
        let prepared = try cachedStatement(statement)
        try prepared.bind(bindings)
        defer { prepared.reset() }
        while let values = try prepared.step() { try row(values) }
    }

    /// Runs `statement` (prepared once, reused) and hands each row to `row` in place, without copying it out.
    func forEachStoredRow(
        _ statement: RenderedStatement, bindings: [SQLValue], _ row: (SQLiteRow) throws -> Void
    ) throws {
        let prepared = try cachedStatement(statement)
        try prepared.bind(bindings)
        defer { prepared.reset() }
        while try prepared.step(row) {}
    }

    /// Runs a statement that returns no rows (prepared once, reused) and reports how many rows it changed.
    public func change(_ statement: RenderedStatement, bindings: [SQLValue]) throws -> Int {
        try forEachRow(statement, bindings: bindings) { _ in }
        return Int(sqlite3_changes(handle))
    }

    /// Runs `statement` (prepared once, reused) with `bindings` and returns every row.
    public func cachedQuery(_ statement: RenderedStatement, bindings: [SQLValue]) throws -> [[SQLValue]] {
        var rows: [[SQLValue]] = []
        try forEachRow(statement, bindings: bindings) { rows.append($0) }
        return rows
    }

    /// Runs `statement` (prepared once, reused) with `bindings` and returns every row with the column names.
    public func namedQuery(_ statement: RenderedStatement, bindings: [SQLValue]) throws -> NamedRows {
        var columns: [String]?
        var rows: [[SQLValue]] = []
        try forEachStoredRow(statement, bindings: bindings) { row in
            let names = columns ?? row.columnNames
            columns = names
            rows.append((0..<names.count).map(row.value))
        }
        return NamedRows(columns: columns ?? [], rows: rows)
    }

    /// Changes how long a statement waits for another connection's lock before failing with `SQLITE_BUSY`.
    public func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// Runs every statement of `script` in order, binding nothing; a failure names the template location.
    ///
    /// - Throws: `DatabaseError` attributed to `script.name` and the template line of the failing statement.
    public func execute(script: RenderedStatement) throws {
        var utf8 = Array(script.sql.utf8)
        utf8.append(0)
        try utf8.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let start = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
            var cursor = start
            let end = start + (buffer.count - 1)
            while cursor < end {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let status = sqlite3_prepare_v2(handle, cursor, Int32(end - cursor), &statement, &tail)
                let statementOffset = cursor - start
                guard status == SQLITE_OK else {
                    let errorOffset = Int(sqlite3_error_offset(handle))
                    throw error(status, in: script, atUTF8Offset: statementOffset + max(errorOffset, 0))
                }
                if let statement {
                    defer { sqlite3_finalize(statement) }
                    var step = sqlite3_step(statement)
                    while step == SQLITE_ROW { step = sqlite3_step(statement) }
                    guard step == SQLITE_DONE else { throw error(step, in: script, atUTF8Offset: statementOffset) }
                }
                guard let tail, tail > cursor else { break }
                cursor = tail
            }
        }
    }

    /// Runs one statement with `bindings` (in `statement.parameters` order) and collects every row.
    ///
    /// - Throws: `DatabaseError` attributed to the statement.
    public func query(_ statement: RenderedStatement, bindings: [SQLValue] = []) throws -> [[SQLValue]] {
        let prepared = try SQLiteStatement(connection: self, statement: statement)
        try prepared.bind(bindings)
        var rows: [[SQLValue]] = []
        while let row = try prepared.step() { rows.append(row) }
        return rows
    }

    /// Builds the error for `status`, reading SQLite's message before any other call can overwrite it.
    func error(_ status: Int32, in statement: RenderedStatement?, atUTF8Offset offset: Int? = nil) -> DatabaseError {
        let extended = sqlite3_extended_errcode(handle)
        if let storage = storageFailure(extended) {
            // Which statement noticed a full disk says nothing to the reader; which file and what to do does.
            return DatabaseError(code: storage.code, message: storage.message)
        }
        let message = String(cString: sqlite3_errmsg(handle))
        let location = offset.flatMap { statement?.sourceMap.location(ofUTF8Offset: $0) }
        return DatabaseError(
            code: String(sqlite3_extended_errcode(handle)), message: message, statementName: statement?.name,
            location: location)
    }
}

extension SQLiteConnection {
    /// One sentence for a full or failing disk, naming the file, with the code to report: `SQLITE_FULL` also for
    /// an I/O error whose cause was ENOSPC or EDQUOT (SQLite reports a full disk met while growing the WAL or its
    /// index that way). Nil for every other failure. SQLite rolls the statement's transaction back on both, so
    /// nothing is half-written.
    fileprivate func storageFailure(_ extended: Int32) -> (code: String, message: String)? {
        let primary = extended & 0xff
        guard primary == SQLITE_FULL || primary == SQLITE_IOERR else { return nil }
        let systemError = sqlite3_system_errno(handle)
        if primary == SQLITE_FULL || systemError == ENOSPC || systemError == EDQUOT {
            return (String(SQLITE_FULL), "the disk holding \(path) is full; free space and rerun")
        }
        let reason = systemError == 0 ? "disk I/O error" : String(cString: strerror(systemError))
        return (String(extended), "cannot read or write \(path) (\(reason)); check the disk and rerun")
    }
}

@available(*, unavailable)
extension SQLiteConnection: Sendable {}
