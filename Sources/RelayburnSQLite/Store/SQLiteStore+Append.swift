public import RelayburnLedger
public import RelayburnSchema

extension SQLiteStore {
    public func appendTurnRows(_ records: [TurnRecord]) async throws -> Int {
        let statements = self.statements
        let rows = records.map(RecordColumns.turn)
        return try await write { connection in
            var sessions = SessionRollup()
            let inserted = try Self.insert(rows, with: statements.insert(.turn), on: connection) { index in
                // Only a new turn can widen its session's rollup.
                sessions.add(records[index])
            }
            for session in sessions.rows {
                _ = try connection.change(
                    statements.upsertSession, bindings: statements.upsertSession.bindings(session))
            }
            return inserted
        }
    }

    public func insert(_ groups: [(rows: [[String: SQLValue]], statement: RenderedStatement)]) async throws -> [Int] {
        try await write { connection in
            try groups.map { group in try Self.insert(group.rows, with: group.statement, on: connection) }
        }
    }

    public func executeWrite(_ statement: RenderedStatement, bindings: [SQLValue]) async throws {
        _ = try await write { connection in try connection.change(statement, bindings: bindings) }
    }
}
