/// The rows of one query with their column names, for readers that take columns by name from a `SELECT *`.
public struct NamedRows: Sendable {
    /// The result columns, in order.
    public let columns: [String]
    /// Each row's values, in `columns` order.
    public let rows: [[SQLValue]]

    public init(columns: [String], rows: [[SQLValue]]) {
        self.columns = columns
        self.rows = rows
    }

    /// The position of `name` among the columns; `nil` when the query has no such column.
    public func index(of name: String) -> Int? {
        columns.firstIndex(of: name)
    }
}
