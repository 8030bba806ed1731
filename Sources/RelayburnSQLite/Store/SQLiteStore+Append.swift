public import RelayburnLedger
public import RelayburnSchema

extension SQLiteStore {
    public func appendTurnRows(_ records: [TurnRecord]) async throws -> Int {
        let statements = self.statements
        return try await write { connection in try Self.insertTurns(records, statements: statements, on: connection) }
    }

    public func insert(
        turns: [TurnRecord], _ groups: [(rows: [[String: SQLValue]], statement: RenderedStatement)]
    ) async throws -> (turns: Int, groups: [Int]) {
        let statements = self.statements
        return try await write { connection in
            let inserted = try Self.insertTurns(turns, statements: statements, on: connection)
            return (
                inserted, try groups.map { group in try Self.insert(group.rows, with: group.statement, on: connection) }
            )
        }
    }

    /// Inserts turns and widens their sessions' rollup, inside the caller's transaction.
    static func insertTurns(
        _ records: [TurnRecord], statements: LedgerStatements, on connection: SQLiteConnection
    ) throws -> Int {
        guard !records.isEmpty else { return 0 }
        var sessions = SessionRollup()
        let inserted = try insert(records.map(RecordColumns.turn), with: statements.insert(.turn), on: connection) {
            index in
            // Only a new turn can widen its session's rollup.
            sessions.add(records[index])
        }
        for session in sessions.rows {
            _ = try connection.change(statements.upsertSession, bindings: statements.upsertSession.bindings(session))
        }
        return inserted
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
