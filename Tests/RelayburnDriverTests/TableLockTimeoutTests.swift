import RelayburnPostgres
import RelayburnSchema
import RelayburnTestSupport
import Testing

/// Issue 14 part 5 (PostgreSQL): a migration's ALTER queued behind a long-running transaction fails within
/// `lock_timeout`, is rolled back and retried, never makes other readers of the table wait behind it for longer
/// than that, and at the end of its budget names the blocking session.
@Suite struct TableLockTimeoutTests {
    @Test(.enabled(if: TestDatabase.postgresEnabled))
    func aMigrationBehindALongReadFailsFastRetriesAndNamesTheBlocker() async throws {
        let database = try await TestDatabase.make(.postgres)
        let url = database.postgresURL ?? ""
        _ = try await database.migrate()
        // Session A: an open transaction holding ACCESS SHARE on turns, like a long streamed query.
        let holder = try await PostgresDatabase.connect(conninfo: url, applicationName: "long-reader")
        try await holder.run {
            try $0.execute(script: RenderedStatement(unsafeSQL: "BEGIN; SELECT count(*) FROM turns"))
        }
        let catalog = try TestCatalogs.replacing(
            "migrations/\(Migration.paddedVersion(SchemaCatalog.embedded.latestVersion + 1))_region.sql",
            with: "ALTER TABLE turns ADD COLUMN region TEXT;\n")
        var runner = MigrationRunner(
            driver: PostgresMigrationDriver(
                database: try await PostgresDatabase.connect(conninfo: url), catalog: catalog),
            catalog: catalog, appliedBy: "lock test")
        runner.tableLockTimeoutMs = 200
        runner.tableLockRetryBudgetMs = 1_500

        // Session C keeps counting turns while the migration retries. Its own lock_timeout makes any wait behind
        // the queued ALTER longer than 1 s an error, whatever the machine's load does to the clock.
        let reader = try await PostgresDatabase.connect(conninfo: url, applicationName: "other-reader")
        try await reader.run { try $0.execute(script: RenderedStatement(unsafeSQL: "SET lock_timeout = '1000ms'")) }
        let counts = Task {
            var counts = 0
            let clock = ContinuousClock()
            let end = clock.now + .milliseconds(1_500)
            while clock.now < end {
                _ = try await reader.run { try $0.query(RenderedStatement(unsafeSQL: "SELECT count(*) FROM turns")) }
                counts += 1
                try await Task.sleep(for: .milliseconds(20))
            }
            return counts
        }
        let error = await #expect(throws: MigrationError.self) { try await runner.migrate() }
        #expect(error?.code == .tableLockTimeout)
        #expect(error?.description.contains("long-reader") == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("could not take its table locks within 200 ms") == true)
        let counted = try await counts.value
        #expect(counted > 0, "another reader kept reading, never blocked 1 s behind the queued ALTER")
        let rows = try await database.rows("SELECT max(version) FROM schema_versions")
        #expect(rows.first?.first?.integerValue == Int64(SchemaCatalog.embedded.latestVersion), "no half-applied row")

        // Once the long transaction ends, the same migration goes through.
        try await holder.run { try $0.execute(script: RenderedStatement(unsafeSQL: "COMMIT")) }
        let report = try await runner.migrate()
        #expect(report.applied.map(\.version) == [SchemaCatalog.embedded.latestVersion + 1])
    }
}
