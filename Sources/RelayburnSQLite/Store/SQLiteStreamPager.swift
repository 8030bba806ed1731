import RelayburnLedger
import RelayburnSchema

/// Streams one query as one statement stepped across pages, on the store's stream connection.
///
/// A keyset page per query re-plans and re-seeks every page, and for kinds whose order has no index (an
/// absent `ts` sorts as '') it sorted the whole table again for every page: quadratic in the result. Here the
/// statement runs once, without its page limit, and each page takes the next rows; its read transaction is a
/// WAL snapshot, so writers go on meanwhile. A stream abandoned before its end finalizes its statement.
final class SQLiteStreamPager: SQLPager, @unchecked Sendable {
    // @unchecked Sendable: `statement` and `finished` are only touched inside `database.run` blocks, which the
    // connection's serial queue runs one at a time, and in deinit, when no block can run any more.
    private let database: SQLiteDatabase
    private var statement: SQLiteStatement?
    private var finished = false

    init(database: SQLiteDatabase) {
        self.database = database
    }

    deinit {
        // The statement belongs to the queue: finalize it there, after whatever runs now.
        guard let statement else { return }
        database.runDetached(UncheckedBox(statement))
    }

    func page(
        _ statement: RenderedStatement, bindings: [SQLValue], size: Int64, encoder: StoredRowEncoder
    ) async throws -> StoredRowEncoder {
        try await database.run { connection in
            var filled = encoder
            if self.finished { return filled }
            let prepared: SQLiteStatement
            if let open = self.statement {
                prepared = open
            } else {
                // The whole rest of the result in one statement: the page size becomes "no limit".
                var unlimited = bindings
                for (index, name) in statement.parameters.enumerated() where name == "page_size" {
                    unlimited[index] = .integer(Int64.max)
                }
                prepared = try SQLiteStatement(connection: connection, statement: statement)
                try prepared.bind(unlimited)
                self.statement = prepared
            }
            do {
                // Until the page is full by rows or bytes; a statement that runs out ends the stream.
                while !filled.isFull {
                    guard try prepared.step({ row in try filled.add(row, statement: statement.name) }) else {
                        self.statement = nil
                        self.finished = true
                        break
                    }
                }
            } catch {
                self.statement = nil
                self.finished = true
                throw error
            }
            return filled
        }
    }
}
