import RelayburnPostgres
import RelayburnSQLite
import RelayburnSchema
import RelayburnTestSupport
import Testing

/// Issue 14 parts 6 and 8: a `no-transaction` migration runs its statements one at a time outside a transaction
/// on PostgreSQL (in one transaction on SQLite), records its state, and is finished by the next runner when one
/// was stopped part-way — an INVALID index it left dropped first.
@Suite struct NoTransactionMigrationTests {
    static let latest = SchemaCatalog.embedded.latestVersion
    static let path = "migrations/\(Migration.paddedVersion(latest + 1))_turns_model_ts.sql"

    static func catalog() throws -> SchemaCatalog {
        try TestCatalogs.replacing(path, with: SyntheticTurns.concurrentIndex)
    }

    static func runner(_ database: TestDatabase, _ catalog: SchemaCatalog) async throws -> MigrationRunner<AnyDriver> {
        var runner = MigrationRunner(
            driver: AnyDriver(try await database.driver(catalog: catalog)), catalog: catalog, appliedBy: "kind tests")
        runner.relayburnVersion = "9.9.9"
        return runner
    }

    @Test(arguments: TestDatabase.enabledDialects)
    func itAppliesAndRecordsItsKindVersionAndTheDatabaseClock(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        _ = try await database.migrate()
        try await database.execute(SyntheticTurns.insert(2_000, dialect: dialect))
        let catalog = try Self.catalog()
        let before = UTCTimestamp.now()
        let report = try await Self.runner(database, catalog).migrate()
        #expect(report.applied.map(\.version) == [Self.latest + 1])
        let row = try await database.rows(
            "SELECT state, kind, relayburn_version, applied_at, read_floor, write_floor FROM schema_versions "
                + "WHERE version = \(Self.latest + 1)")
        #expect(row.first?[0] == .null)
        #expect(row.first?[1].textValue == "no-transaction")
        #expect(row.first?[2].textValue == "9.9.9")
        let appliedAt = try #require(row.first?[3].textValue)
        #expect(appliedAt.count == 24 && appliedAt.hasSuffix("Z") && appliedAt >= String(before.prefix(19)))
        #expect(report.applied.first?.appliedAt == appliedAt, "the report carries the database's own timestamp")
        #expect(row.first?[4].integerValue == 6 && row.first?[5].integerValue == 6, "additive: floors unchanged")
        let index = try await database.rows(
            dialect == .sqlite
                ? "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'turns_model_ts'"
                : "SELECT count(*) FROM pg_indexes WHERE indexname = 'turns_model_ts'")
        #expect(index.first?.first?.integerValue == 1)
        let again = try await Self.runner(database, catalog).migrate()
        #expect(again.tookFastPath)
    }

    @Test(.enabled(if: TestDatabase.postgresEnabled))
    func tenConcurrentMigratorsBuildTheIndexOnce() async throws {
        let database = try await TestDatabase.make(.postgres)
        _ = try await database.migrate()
        try await database.execute(SyntheticTurns.insert(50_000, dialect: .postgres))
        let catalog = try Self.catalog()
        let reports = try await withThrowingTaskGroup(of: MigrationReport.self) { group in
            for _ in 0..<10 {
                group.addTask { try await Self.runner(database, catalog).migrate() }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(reports.count == 10)
        #expect(reports.filter { !$0.applied.isEmpty }.count == 1, "one runner built it; the others found it done")
        #expect(reports.allSatisfy { $0.currentVersion == Self.latest + 1 })
        #expect(try await PostgresMigrationProbes.validity(of: "turns_model_ts", in: database) == [true])
        let rows = try await database.rows("SELECT count(*) FROM schema_versions WHERE version = \(Self.latest + 1)")
        #expect(rows.first?.first?.integerValue == 1)
    }

    /// A build that times out waiting for a writer's transaction leaves an INVALID index and a `running` row; the
    /// runner retries within its budget, and once the writer is gone the next run drops the leftover and builds.
    @Test(.enabled(if: TestDatabase.postgresEnabled))
    func aBuildStoppedPartWayLeavesStateThatTheNextRunnerFinishes() async throws {
        let database = try await TestDatabase.make(.postgres)
        let url = try #require(database.postgresURL)
        _ = try await database.migrate()
        try await database.execute(SyntheticTurns.insert(10_000, dialect: .postgres))
        // A writer's open transaction: CREATE INDEX CONCURRENTLY must wait for it after creating its (INVALID) index.
        let writer = try await PostgresMigrationProbes.openWriter(url)
        let catalog = try Self.catalog()
        var runner = try await Self.runner(database, catalog)
        runner.tableLockTimeoutMs = 150
        runner.tableLockRetryBudgetMs = 600
        let error = await #expect(throws: MigrationError.self) { try await runner.migrate() }
        #expect(error?.code == .tableLockTimeout, "\(error?.description ?? "")")
        #expect(error?.description.contains("open-writer") == true, "the blocker is named: \(error?.description ?? "")")
        let state = try await database.rows(
            "SELECT state FROM schema_versions WHERE version = \(Self.latest + 1)")
        #expect(state.first?.first?.textValue == "running")
        let invalid = try await PostgresMigrationProbes.validity(of: "turns_model_ts", in: database)
        #expect(invalid == [false], "the stopped build left its INVALID index")
        let status = try await runner.status().last
        #expect(status?.state == .running)

        try await writer.run { try $0.execute(script: RenderedStatement(unsafeSQL: "COMMIT")) }
        let report = try await runner.migrate()
        #expect(report.applied.map(\.version) == [Self.latest + 1])
        let valid = try await PostgresMigrationProbes.validity(of: "turns_model_ts", in: database)
        #expect(valid == [true], "dropped and rebuilt, not left INVALID behind IF NOT EXISTS")
        let settings = try await database.rows("SELECT state FROM schema_versions WHERE version = \(Self.latest + 1)")
        #expect(settings.first?.first == .null)
    }

    /// A `schema_versions` written by a relayburn from before the floor and progress columns is read with the
    /// columns it has, given them under the lock, and the no-op is one query again afterwards; and the columns an
    /// older binary reads are still there for it.
    @Test(arguments: TestDatabase.enabledDialects)
    func anOlderVersionTableGetsItsColumnsAndOlderReadersStillReadIt(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        _ = try await database.migrate()
        for column in ["read_floor", "write_floor", "state", "kind", "relayburn_version", "backfill_after"] {
            try await database.execute("ALTER TABLE schema_versions DROP COLUMN \(column)")
        }
        let first = try await database.migrate()
        #expect(!first.tookFastPath && first.applied.isEmpty, "took the lock once to add the columns")
        #expect(first.currentVersion == Self.latest)
        let second = try await database.migrate()
        #expect(second.tookFastPath)
        let legacy = try SchemaCatalog.embedded.statement("runner/read_schema_versions_legacy", for: dialect)
        #expect(try await database.rows(legacy.sql).count == Self.latest)
        let floors = try await database.rows("SELECT count(*) FROM schema_versions WHERE read_floor IS NULL")
        #expect(floors.first?.first?.integerValue == Int64(Self.latest), "old rows keep meaning 'their own version'")
    }
}
