extension MigrationRunner {
    /// What one locked transaction found or did.
    enum Step: Sendable {
        case applied(AppliedMigration)
        case upToDate(currentVersion: Int, access: StoreAccess)
        /// The next migration runs outside a transaction (PostgreSQL), under the session-level lock.
        case noTransaction(Migration)
        /// The next migration's DDL has committed; its batches are due.
        case backfill(Migration)
    }

    /// Applies migrations one at a time until `targetVersion`, retrying those that time out on a table lock.
    func applyPending(upTo targetVersion: Int) async throws -> MigrationReport {
        let statements = try RunnerStatements(catalog: catalog, dialect: driver.dialect)
        var report = MigrationReport()
        var retry = TableLockRetry(budgetMs: tableLockRetryBudgetMs)
        while true {
            do {
                switch try await transactionalStep(upTo: targetVersion, statements) {
                case .applied(let record):
                    report.applied.append(record)
                    report.currentVersion = record.version
                case .upToDate(let current, let access):
                    report.currentVersion = current
                    report.access = access
                    return report
                case .noTransaction(let migration):
                    if let record = try await runWithoutTransaction(migration, statements) {
                        report.applied.append(record)
                    }
                case .backfill(let migration):
                    if let record = try await runBackfill(migration, statements) { report.applied.append(record) }
                }
            } catch let error as MigrationError where Self.isTableLockTimeout(error) {
                // Rolled back; the lock queue behind us is gone. Wait a little and try again, within the budget.
                guard let pause = retry.next() else {
                    throw try await tableLockFailure(error, attempts: retry.attempts)
                }
                try await Task.sleep(for: .milliseconds(pause))
            }
        }
    }

    /// The next pending migration (or the verdict that none is left), in one locked transaction: applied there
    /// when it is transactional, else its first phase done and the rest handed back.
    private func transactionalStep(upTo targetVersion: Int, _ statements: RunnerStatements) async throws -> Step {
        let dialect = driver.dialect
        return try await driver.withMigrationTransaction(lockTimeoutMs: lockTimeoutMs) { [self] connection in
            try Self.prepareVersionTable(connection, statements)
            // Re-read under the lock: another runner may have applied what we saw pending.
            let applied = try connection.query(statements.read, bindings: []).map(AppliedMigration.init(row:))
            let access = try validate(
                applied, evidence: try Self.readEvidence(connection, statements.checksums, tolerant: false))
            try recordChecksumEvidence(applied, connection, statements)
            let current = completedVersion(applied)
            guard current < targetVersion else { return Step.upToDate(currentVersion: current, access: access) }
            let migration = catalog.migrations[current]
            if let unfinished = applied.last, unfinished.version == migration.version {
                // Started by a runner that was killed or is still at it: pick up where it stands.
                return migration.kind == .backfill ? Step.backfill(migration) : Step.noTransaction(migration)
            }
            if migration.kind == .noTransaction && dialect == .postgres { return Step.noTransaction(migration) }
            try checkCensus(before: migration, connection)
            if dialect == .postgres {
                _ = try connection.query(statements.setTimeouts, bindings: timeoutBindings(statements.setTimeouts))
            }
            let clock = ContinuousClock()
            let started = clock.now
            do {
                try connection.execute(script: try catalog.engine(for: dialect).render(migration.ddlSource))
            } catch let error as DatabaseError {
                throw MigrationError.migrationFailed(migration, error: error)
            }
            let backfilling = migration.kind == .backfill
            var record = AppliedMigration(
                version: migration.version, name: migration.name, checksum: migration.checksum, appliedAt: "",
                executionMs: (clock.now - started).milliseconds, appliedBy: appliedBy,
                // A backfill counts for compatibility only once its batches are done.
                floors: catalog.floors(through: backfilling ? migration.version - 1 : migration.version))
            record.state = backfilling ? .backfilling : .applied
            record.kind = migration.kind
            record.relayburnVersion = relayburnVersion
            record.appliedAt = try Self.insert(record, connection, statements)
            try recordSQLChecksum(of: migration, connection, statements)
            return backfilling ? Step.backfill(migration) : Step.applied(record)
        }
    }

    /// Creates `schema_versions`, or gives an older one the columns it lacks (nullable: older binaries keep
    /// inserting their rows).
    static func prepareVersionTable(_ connection: any MigrationConnection, _ statements: RunnerStatements) throws {
        try connection.execute(script: statements.createTable)
        if try connection.query(statements.countFloors, bindings: []).first?.first?.integerValue == 0 {
            try connection.execute(script: statements.addFloors)
        }
        if try connection.query(statements.countProgress, bindings: []).first?.first?.integerValue == 0 {
            try connection.execute(script: statements.addProgress)
        }
        if try connection.query(statements.countSQLChecksum, bindings: []).first?.first?.integerValue == 0 {
            try connection.execute(script: statements.addSQLChecksum)
        }
    }

    /// Inserts a row and returns its `applied_at`, taken from the database's clock.
    static func insert(
        _ record: AppliedMigration, _ connection: any MigrationConnection, _ statements: RunnerStatements
    ) throws -> String {
        let rows = try connection.query(statements.insert, bindings: record.bindings(for: statements.insert))
        return rows.first?.first?.textValue ?? ""
    }

    /// Marks an unfinished row done with its final floors; returns it as recorded.
    func finish(
        _ migration: Migration, addingMs elapsedMs: Int64, _ connection: any MigrationConnection,
        _ statements: RunnerStatements
    ) throws -> AppliedMigration {
        let floors = catalog.floors(through: migration.version)
        let rows = try connection.query(
            statements.finish,
            bindings: statements.finish.bindings([
                "version": .integer(Int64(migration.version)), "read_floor": .integer(Int64(floors.read)),
                "write_floor": .integer(Int64(floors.write)), "execution_ms": .integer(elapsedMs),
            ]))
        var record = AppliedMigration(
            version: migration.version, name: migration.name, checksum: migration.checksum,
            appliedAt: rows.first?.first?.textValue ?? "",
            executionMs: rows.first?.dropFirst().first?.integerValue ?? 0,
            appliedBy: appliedBy, floors: floors)
        record.kind = migration.kind
        record.relayburnVersion = relayburnVersion
        return record
    }

    /// `lock_timeout` and `statement_timeout` values for set_migration_timeouts.sql and the session settings.
    func timeoutBindings(_ statement: RenderedStatement) -> [SQLValue] {
        statement.bindings([
            "lock_timeout": .text("\(tableLockTimeoutMs)ms"), "statement_timeout": .text("\(statementTimeoutMs)ms"),
        ])
    }
}
