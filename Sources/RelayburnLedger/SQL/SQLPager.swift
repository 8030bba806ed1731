public import RelayburnSchema

/// Fetches the pages of one streamed query (see ``SQLLedgerReader``).
///
/// Every page request carries the statement with the bindings of a keyset page: the filters, the key of the
/// last row already delivered and the page size. A pager may run each page as its own query (``KeysetPager``)
/// or keep one query open and hand out its rows a page at a time (PostgreSQL's single-row mode), using the
/// keyset bindings only to resume after a failure. Rows go straight from the driver into `encoder`.
public protocol SQLPager: Sendable {
    /// The next at most `size` rows, added to `encoder`; fewer when the result is exhausted.
    func page(
        _ statement: RenderedStatement, bindings: [SQLValue], size: Int64, encoder: StoredRowEncoder
    ) async throws -> StoredRowEncoder
}

/// Runs each page as one query: an index seek past the last key.
public struct KeysetPager: SQLPager {
    let run: SQLLedgerReader.RunEncoded

    public init(run: @escaping SQLLedgerReader.RunEncoded) {
        self.run = run
    }

    public func page(
        _ statement: RenderedStatement, bindings: [SQLValue], size: Int64, encoder: StoredRowEncoder
    ) async throws -> StoredRowEncoder {
        try await run(statement, bindings, encoder)
    }
}
