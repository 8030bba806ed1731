extension MigrationRunner {
    /// Runs a no-transaction migration on PostgreSQL (DESIGN §5): under the session-level migration lock, its row
    /// recorded as `running` first, then each statement on its own, outside any transaction, so `CREATE INDEX
    /// CONCURRENTLY` can run; the row is marked done after the last. A runner killed part-way leaves the row
    /// `running`, and the next one re-runs every statement (each is idempotent), first dropping any INVALID index
    /// the killed build left behind. `nil` when another runner finished it first.
    func runWithoutTransaction(_ migration: Migration, _ statements: RunnerStatements) async throws -> AppliedMigration?
    {
        let engine = catalog.engine(for: driver.dialect)
        let pieces = try migration.separateStatements.map { try engine.render($0) }
        return try await driver.withMigrationSession(lockTimeoutMs: lockTimeoutMs) { [self] connection in
            let applied = try connection.query(statements.read, bindings: []).map(AppliedMigration.init(row:))
            _ = try validate(
                applied, evidence: try Self.readEvidence(connection, statements.checksums, tolerant: false))
            guard completedVersion(applied) == migration.version - 1 else { return nil }
            return try withSessionTimeouts(connection, statements) {
                let clock = ContinuousClock()
                let started = clock.now
                if applied.last?.version != migration.version {
                    try checkCensus(before: migration, connection)
                    var record = AppliedMigration(
                        version: migration.version, name: migration.name, checksum: migration.checksum, appliedAt: "",
                        executionMs: 0, appliedBy: appliedBy, floors: catalog.floors(through: migration.version - 1))
                    record.state = .running
                    record.kind = .noTransaction
                    record.relayburnVersion = relayburnVersion
                    _ = try Self.insert(record, connection, statements)
                    try recordSQLChecksum(of: migration, connection, statements)
                }
                for piece in pieces {
                    do {
                        try dropLeftovers(of: piece, connection, statements)
                        try connection.execute(script: piece)
                    } catch let error as DatabaseError {
                        throw MigrationError.migrationFailed(migration, error: error)
                    }
                }
                return try finish(migration, addingMs: (clock.now - started).milliseconds, connection, statements)
            }
        }
    }

    /// Drops the INVALID index a killed `CREATE INDEX CONCURRENTLY` or `REINDEX … CONCURRENTLY` left, which would
    /// otherwise satisfy `IF NOT EXISTS` while being useless, or linger as a `_ccnew` copy.
    private func dropLeftovers(
        of piece: RenderedStatement, _ connection: any MigrationConnection, _ statements: RunnerStatements
    ) throws {
        guard let name = NoTransactionStatement(sql: piece.sql)?.leftoverIndex else { return }
        let invalid = try connection.query(statements.invalidIndexes, bindings: [.text(name)])
        for row in invalid {
            guard let leftover = row.first?.textValue else { continue }
            // The name comes from pg_class; DROP INDEX takes no parameters, so it is quoted as an identifier.
            let quoted = "\"" + leftover.replacing("\"", with: "\"\"") + "\""
            try connection.execute(
                script: RenderedStatement(
                    unsafeSQL: "DROP INDEX CONCURRENTLY IF EXISTS \(quoted)", name: "drop_invalid_index"))
        }
    }

    /// Runs `body` with the migration's `lock_timeout` and `statement_timeout` set for the session (there is no
    /// transaction to scope them to) and a check for a vanished client, then puts the session's own values back.
    private func withSessionTimeouts<T>(
        _ connection: any MigrationConnection, _ statements: RunnerStatements, _ body: () throws -> T
    ) throws -> T {
        guard driver.dialect == .postgres else { return try body() }
        let saved = try connection.query(statements.readSessionSettings, bindings: [])
        let wanted: [String: String] = [
            "lock_timeout": "\(tableLockTimeoutMs)ms", "statement_timeout": "\(statementTimeoutMs)ms",
            // A killed runner's backend notices within a second and aborts its build, leaving the INVALID index the
            // next runner drops, instead of holding the lock until a long build ends for nobody.
            "client_connection_check_interval": "1000ms",
        ]
        func set(_ name: String, _ value: String) throws {
            _ = try connection.query(
                statements.setSessionSetting,
                bindings: statements.setSessionSetting.bindings(["name": .text(name), "value": .text(value)]))
        }
        for row in saved {
            guard let name = row.first?.textValue, let value = wanted[name] else { continue }
            try set(name, value)
        }
        defer {
            for row in saved {
                guard let name = row.first?.textValue, let value = row.dropFirst().first?.textValue else { continue }
                try? set(name, value)
            }
        }
        return try body()
    }
}
