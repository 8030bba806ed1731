public import RelayburnLedger
public import RelayburnSchema

extension PostgresStore {
    public func appendTurnRows(_ records: [TurnRecord]) async throws -> Int {
        let statements = self.statements
        let rows = records.map(RecordColumns.turn)
        guard !rows.isEmpty else { return 0 }
        return try await write { connection in
            var sessions = SessionRollup()
            let batch = statements.insert(.turn)
            let newIds = Set(
                try connection.query(batch, bindings: PostgresArrayLiteral.bindings(batch, rows: rows))
                    .compactMap { $0.first?.textValue })
            var seen = Set<String>()
            for record in records where newIds.contains(record.id) && seen.insert(record.id).inserted {
                sessions.add(record)
            }
            let inserted = newIds.count
            // Sessions in a stable order, so concurrent hosts take their row locks in the same order.
            for session in sessions.rows.sorted(by: {
                ($0["session_id"]?.textValue ?? "") < ($1["session_id"]?.textValue ?? "")
            }) {
                _ = try connection.query(statements.upsertSession, bindings: statements.upsertSession.bindings(session))
            }
            return inserted
        }
    }

    /// Each group in one round trip: the PostgreSQL branch of an insert template takes the whole batch as one
    /// array parameter per column (`unnest`).
    public func insert(_ groups: [(rows: [[String: SQLValue]], statement: RenderedStatement)]) async throws -> [Int] {
        try await write { connection in
            try groups.map { group in
                guard !group.rows.isEmpty else { return 0 }
                let batch = group.statement
                return try connection.query(batch, bindings: PostgresArrayLiteral.bindings(batch, rows: group.rows))
                    .count
            }
        }
    }

    public func executeWrite(_ statement: RenderedStatement, bindings: [SQLValue]) async throws {
        _ = try await write { connection in try connection.query(statement, bindings: bindings) }
    }
}
