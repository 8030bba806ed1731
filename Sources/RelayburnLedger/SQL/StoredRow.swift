public import RelayburnSchema

/// One result row as a driver holds it, readable without building Swift values first.
///
/// Valid only inside the driver callback that hands it over (the bytes belong to the driver's buffer).
public protocol StoredRow {
    /// The names of the result columns, in order.
    var columnNames: [String] { get }
    /// Calls `body` with the bytes of a text column; `nil` when the value is NULL. The bytes are followed by a
    /// NUL byte that `body` may read (sqlite3_column_text and PQgetvalue both terminate their text).
    func withBytes<T>(_ column: Int, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T?
    /// The value of a column as a Swift value.
    func value(_ column: Int) -> SQLValue
}
