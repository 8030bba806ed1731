public import RelayburnSchema

/// Fetches the pages of one streamed query (see ``SQLLedgerReader``).
///
/// Every page request carries the statement with the bindings of a keyset page: the filters, the key of the
/// last row already delivered and the page size. The SQLite store steps one statement across pages
/// (`SQLiteStreamPager`); the PostgreSQL store keeps one query open in single-row mode (`SingleRowPager`) and
/// runs a keyset page only when no session is spare or to resume after a failure. Rows go straight from the driver into `encoder`.
public protocol SQLPager: Sendable {
    /// The next at most `size` rows, added to `encoder`; fewer when the result is exhausted.
    func page(
        _ statement: RenderedStatement, bindings: [SQLValue], size: Int64, encoder: StoredRowEncoder
    ) async throws -> StoredRowEncoder
}
