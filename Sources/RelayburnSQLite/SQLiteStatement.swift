import CSQLite
import RelayburnSchema

/// A prepared statement, finalized when the object goes away.
final class SQLiteStatement {
    private let handle: OpaquePointer
    // Unowned: the connection caches its statements, and finalizes them before it closes.
    private unowned let connection: SQLiteConnection
    private let statement: RenderedStatement
    /// The SQL this statement was prepared from.
    var sql: String { statement.sql }

    init(connection: SQLiteConnection, statement: RenderedStatement) throws {
        var prepared: OpaquePointer?
        let status = sqlite3_prepare_v2(connection.handle, statement.sql, -1, &prepared, nil)
        guard status == SQLITE_OK, let prepared else {
            // SQLite reports a token offset for syntax errors only; otherwise point at the statement itself.
            let offset = Int(sqlite3_error_offset(connection.handle))
            throw connection.error(status, in: statement, atUTF8Offset: max(offset, 0))
        }
        handle = prepared
        self.connection = connection
        self.statement = statement
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `values` to parameters 1...n (the `?NNN` numbers the template engine assigned).
    func bind(_ values: [SQLValue]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .null:
                status = sqlite3_bind_null(handle, index)
            case .integer(let integer):
                status = sqlite3_bind_int64(handle, index, integer)
            case .real(let real):
                status = sqlite3_bind_double(handle, index, real)
            case .text(let text):
                status = text.withCString { relayburn_sqlite3_bind_text_transient(handle, index, $0, -1) }
            case .blob(let bytes):
                status = bytes.withUnsafeBytes {
                    relayburn_sqlite3_bind_blob_transient(handle, index, $0.baseAddress, Int32($0.count))
                }
            }
            guard status == SQLITE_OK else { throw connection.error(status, in: statement) }
        }
    }

    /// Ends the current execution so the statement holds no read lock while cached.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Advances to the next row; `nil` when the statement is done.
    func step() throws -> [SQLValue]? {
        let status = sqlite3_step(handle)
        if status == SQLITE_DONE { return nil }
        guard status == SQLITE_ROW else { throw connection.error(status, in: statement) }
        return (0..<sqlite3_column_count(handle)).map { Self.value(handle, $0) }
    }

    /// Advances to the next row and hands it to `body` in place; `false` when the statement is done.
    func step(_ body: (SQLiteRow) throws -> Void) throws -> Bool {
        let status = sqlite3_step(handle)
        if status == SQLITE_DONE { return false }
        guard status == SQLITE_ROW else { throw connection.error(status, in: statement) }
        try body(SQLiteRow(handle: handle))
        return true
    }

    /// Column `index` of the current row of `handle` as a Swift value.
    static func value(_ handle: OpaquePointer, _ index: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(handle, index) else { return .text("") }
            let count = Int(sqlite3_column_bytes(handle, index))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, index))
            guard count > 0, let bytes = sqlite3_column_blob(handle, index) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default:
            return .null
        }
    }
}

@available(*, unavailable)
extension SQLiteStatement: Sendable {}
