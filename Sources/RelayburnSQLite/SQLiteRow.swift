import CSQLite
import RelayburnLedger
import RelayburnSchema

/// The current row of a stepping statement, read in place: text columns are handed over as SQLite's own bytes.
struct SQLiteRow: StoredRow {
    let handle: OpaquePointer

    var columnNames: [String] {
        (0..<sqlite3_column_count(handle)).map { String(cString: sqlite3_column_name(handle, $0)) }
    }

    func withBytes<T>(_ column: Int, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T? {
        let index = Int32(column)
        // sqlite3_column_text before sqlite3_column_bytes: "call sqlite3_column_text() first … then
        // sqlite3_column_bytes() to find the size of the result", so no conversion invalidates the pointer.
        guard let text = sqlite3_column_text(handle, index) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, index))
        return try body(UnsafeRawBufferPointer(start: UnsafeRawPointer(text), count: count))
    }

    func value(_ column: Int) -> SQLValue {
        SQLiteStatement.value(handle, Int32(column))
    }
}
