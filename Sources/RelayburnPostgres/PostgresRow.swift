import CLibPQ
public import RelayburnLedger
public import RelayburnSchema

/// One row of a libpq result, read in place: text columns are handed over as libpq's own bytes.
struct PostgresRow: StoredRow {
    let result: OpaquePointer
    let row: Int32

    var columnNames: [String] {
        (0..<PQnfields(result)).map { PQfname(result, $0).map { String(cString: $0) } ?? "" }
    }

    func withBytes<T>(_ column: Int, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T? {
        let index = Int32(column)
        guard PQgetisnull(result, row, index) == 0, let value = PQgetvalue(result, row, index) else { return nil }
        return try body(UnsafeRawBufferPointer(start: value, count: Int(PQgetlength(result, row, index))))
    }

    func value(_ column: Int) -> SQLValue {
        PostgresConnection.value(result, row: row, column: Int32(column), type: PQftype(result, Int32(column)))
    }
}

extension PostgresConnection {
    /// Runs one statement and feeds every row to `encoder` in place.
    ///
    /// - Throws: `DatabaseError` attributed to the statement; ``StoredRecordError`` from the encoder.
    public func query(
        _ statement: RenderedStatement, bindings: [SQLValue], into encoder: StoredRowEncoder
    ) throws -> StoredRowEncoder {
        let result = try execute(statement, bindings: bindings)
        defer { PQclear(result) }
        var filled = encoder
        guard let result else { return filled }
        for row in 0..<PQntuples(result) {
            try filled.add(PostgresRow(result: result, row: row), statement: statement.name)
        }
        return filled
    }

    /// Up to `limit` more rows of the statement sent by ``sendStreaming(_:bindings:)``, fed to `encoder`; fewer
    /// rows read means the statement has finished and the connection is free again.
    ///
    /// - Throws: `DatabaseError` attributed to `statement` when the statement fails; the connection is drained
    ///   first, so it is free again too.
    public func nextStreamedRows(
        limit: Int, statement: RenderedStatement, into encoder: StoredRowEncoder
    ) throws -> StoredRowEncoder {
        var filled = encoder
        try nextStreamedResults(limit: limit, statement: statement) { result in
            try filled.add(PostgresRow(result: result, row: 0), statement: statement.name)
        }
        return filled
    }
}
