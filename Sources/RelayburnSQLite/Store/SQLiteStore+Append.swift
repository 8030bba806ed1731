public import RelayburnLedger
public import RelayburnSchema

extension SQLiteStore {
    /// Appends can overlap: while one batch's rows are built on the caller's task, the one before is inserted on the
    /// connection's thread, which then only binds and steps. The inserts themselves still run one at a time.
    public var appendConcurrency: Int { 2 }

    public func appendTurnRows(_ records: [TurnRecord]) async throws -> Int {
        let statements = self.statements
        let rows = Self.turnBindings(records, statements)
        return try await write { connection in
            try Self.insertTurns(records, rows, statements: statements, on: connection)
        }
    }

    public func insert(
        turns: [TurnRecord], _ groups: [(rows: [[String: SQLValue]], statement: RenderedStatement)]
    ) async throws -> (turns: Int, groups: [Int]) {
        let statements = self.statements
        let turnRows = Self.turnBindings(turns, statements)
        let positional = Self.positional(groups)
        return try await write { connection in
            let inserted = try Self.insertTurns(turns, turnRows, statements: statements, on: connection)
            return (
                inserted,
                try positional.map { group in try Self.insert(group.rows, with: group.statement, on: connection) }
            )
        }
    }

    /// The turns' insert bindings, built before the write: the connection's thread is the one every append waits
    /// for, so the JSON and the columns are made off it.
    private static func turnBindings(_ records: [TurnRecord], _ statements: LedgerStatements) -> [[SQLValue]] {
        let statement = statements.insert(.turn)
        return records.map { statement.bindings(RecordColumns.turn($0)) }
    }

    private static func positional(
        _ groups: [(rows: [[String: SQLValue]], statement: RenderedStatement)]
    ) -> [(rows: [[SQLValue]], statement: RenderedStatement)] {
        groups.map { group in (group.rows.map { group.statement.bindings($0) }, group.statement) }
    }

    /// Inserts turns (`rows`, their bindings) and widens their sessions' rollup, inside the caller's transaction.
    static func insertTurns(
        _ records: [TurnRecord], _ rows: [[SQLValue]], statements: LedgerStatements, on connection: SQLiteConnection
    ) throws -> Int {
        guard !records.isEmpty else { return 0 }
        var sessions = SessionRollup()
        let inserted = try insert(rows, with: statements.insert(.turn), on: connection) { index in
            // Only a new turn can widen its session's rollup.
            sessions.add(records[index])
        }
        for session in sessions.rows {
            _ = try connection.change(statements.upsertSession, bindings: statements.upsertSession.bindings(session))
        }
        return inserted
    }

    public func insert(_ groups: [(rows: [[String: SQLValue]], statement: RenderedStatement)]) async throws -> [Int] {
        let positional = Self.positional(groups)
        return try await write { connection in
            try positional.map { group in try Self.insert(group.rows, with: group.statement, on: connection) }
        }
    }

    public func executeWrite(_ statement: RenderedStatement, bindings: [SQLValue]) async throws {
        _ = try await write { connection in try connection.change(statement, bindings: bindings) }
    }
}
