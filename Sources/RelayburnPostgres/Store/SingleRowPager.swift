public import RelayburnLedger
public import RelayburnSchema

/// Streams one query in libpq's single-row mode on a leased pool session: the statement runs once, without
/// its page limit, and each page takes the next rows as the server sends them, so memory holds one page and
/// the server does one scan. TCP flow control is the backpressure: a consumer that stops reading stops the
/// server.
///
/// If the session breaks mid-stream, the query is sent again on a new session with the keyset bindings of the
/// page being fetched (after the last row delivered), so the stream continues exactly where it was. When the
/// pool has no session to spare (it keeps one for other work), a page runs as its own keyset query instead,
/// and the next page tries to lease again. A stream abandoned before its end closes its session, which ends the
/// query on the server.
public actor SingleRowPager: SQLPager {
    private let pool: PostgresPool
    private var session: PostgresDatabase?
    private var finished = false

    /// A pager taking its session from `pool` on the first page.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    deinit {
        // Mid-stream the session cannot serve anything else; closing it ends the query.
        if let session { Task { [pool] in await pool.giveBack(session, healthy: false) } }
    }

    public func page(
        _ statement: RenderedStatement, bindings: [SQLValue], size: Int64, encoder: StoredRowEncoder
    ) async throws -> StoredRowEncoder {
        if finished { return encoder }
        var attempts = 0
        while true {
            attempts += 1
            do {
                let rows = try await nextRows(statement, bindings: bindings, size: Int(size), encoder: encoder)
                if rows.rowsRead < size, let session {
                    finished = true
                    self.session = nil
                    await pool.giveBack(session, healthy: true)
                }
                return rows
            } catch {
                guard let session else { throw error }
                self.session = nil
                let healthy = (try? await session.run { $0.isHealthy }) ?? false
                await pool.giveBack(session, healthy: healthy)
                guard !healthy, attempts < 3, !Task.isCancelled else { throw error }
            }
        }
    }

    /// The next rows of the open query, sending it first (from this page's resume key) when none is open.
    private func nextRows(
        _ statement: RenderedStatement, bindings: [SQLValue], size: Int, encoder: StoredRowEncoder
    ) async throws -> StoredRowEncoder {
        let database: PostgresDatabase
        if let session {
            database = session
        } else {
            guard let leased = try await pool.leaseIfSpare() else {
                return try await pool.run { try $0.query(statement, bindings: bindings, into: encoder) }
            }
            database = leased
            session = database
            // The whole rest of the result, in one query: the page size becomes "no limit".
            var unlimited = bindings
            for (index, name) in statement.parameters.enumerated() where name == "page_size" {
                unlimited[index] = .integer(Int64.max)
            }
            let sendBindings = unlimited
            try await database.run { try $0.sendStreaming(statement, bindings: sendBindings) }
        }
        return try await database.run { try $0.nextStreamedRows(limit: size, statement: statement, into: encoder) }
    }
}
