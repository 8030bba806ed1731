public import RelayburnLedger
public import RelayburnSchema

extension PostgresStore {
    public func appendTurnRows(_ records: [TurnRecord]) async throws -> Int {
        guard !records.isEmpty else { return 0 }
        let statements = self.statements
        return try await write { connection in try Self.insertTurns(records, statements: statements, on: connection) }
    }

    public func insert(
        turns: [TurnRecord], _ groups: [(rows: [[String: SQLValue]], statement: RenderedStatement)]
    ) async throws -> (turns: Int, groups: [Int]) {
        let statements = self.statements
        return try await write { connection in
            let inserted = try Self.insertTurns(turns, statements: statements, on: connection)
            return (inserted, try groups.map { group in try Self.insert(group, on: connection) })
        }
    }

    /// Inserts turns and widens their sessions' rollup, inside the caller's transaction.
    static func insertTurns(
        _ records: [TurnRecord], statements: LedgerStatements, on connection: PostgresConnection
    ) throws -> Int {
        guard !records.isEmpty else { return 0 }
        var sessions = SessionRollup()
        let batch = statements.insert(.turn)
        let newIds = Set(
            try connection.query(
                batch, bindings: PostgresArrayLiteral.bindings(batch, rows: records.map(RecordColumns.turn))
            )
            .compactMap { $0.first?.textValue })
        var seen = Set<String>()
        for record in records where newIds.contains(record.id) && seen.insert(record.id).inserted {
            sessions.add(record)
        }
        // Sessions in a stable order, so concurrent hosts take their row locks in the same order.
        for session in sessions.rows.sorted(by: {
            ($0["session_id"]?.textValue ?? "") < ($1["session_id"]?.textValue ?? "")
        }) {
            _ = try connection.query(statements.upsertSession, bindings: statements.upsertSession.bindings(session))
        }
        return newIds.count
    }

    /// One group's rows in one round trip, inside the caller's transaction.
    static func insert(
        _ group: (rows: [[String: SQLValue]], statement: RenderedStatement), on connection: PostgresConnection
    ) throws -> Int {
        guard !group.rows.isEmpty else { return 0 }
        return try connection.query(
            group.statement, bindings: PostgresArrayLiteral.bindings(group.statement, rows: group.rows)
        )
        .count
    }

    /// Each group in one round trip: the PostgreSQL branch of an insert template takes the whole batch as one
    /// array parameter per column (`unnest`).
    public func insert(_ groups: [(rows: [[String: SQLValue]], statement: RenderedStatement)]) async throws -> [Int] {
        try await write { connection in try groups.map { group in try Self.insert(group, on: connection) } }
    }

    public func executeWrite(_ statement: RenderedStatement, bindings: [SQLValue]) async throws {
        _ = try await write { connection in try connection.query(statement, bindings: bindings) }
    }
}
