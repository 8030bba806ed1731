import RelayburnPostgres
import RelayburnSQLite
import RelayburnSchema
import RelayburnTestSupport
import Testing

/// The fast path takes no lock and runs no DDL; a held lock makes a migrating runner time out with a message
/// that names the holder where the database can tell.
@Suite struct MigrationLockTests {
    @Test func sqliteFastPathTakesNoLockAndRunsNoDDL() async throws {
        let database = try await TestDatabase.make(.sqlite)
        _ = try await database.migrate()
        let holder = try await SQLiteDatabase.open(path: try #require(database.sqlitePath))
        let cookieBefore = try await holder.run { try $0.query(RenderedStatement(unsafeSQL: "PRAGMA schema_version")) }
        // Hold the write lock: a runner that tried BEGIN IMMEDIATE or any DDL would now time out.
        try await holder.run { try $0.execute(script: RenderedStatement(unsafeSQL: "BEGIN IMMEDIATE")) }
        let report = try await database.migrate(lockTimeoutMs: 200)
        #expect(report.tookFastPath && report.applied.isEmpty && report.currentVersion == latestVersion)
        try await holder.run { try $0.execute(script: RenderedStatement(unsafeSQL: "ROLLBACK")) }
        let cookieAfter = try await holder.run { try $0.query(RenderedStatement(unsafeSQL: "PRAGMA schema_version")) }
        #expect(cookieBefore == cookieAfter)
    }

    @Test func sqliteLockTimeoutIsRefused() async throws {
        let database = try await TestDatabase.make(.sqlite)
        let path = try #require(database.sqlitePath)
        let holder = try await SQLiteDatabase.open(path: path)
        try await holder.run { try $0.execute(script: RenderedStatement(unsafeSQL: "BEGIN IMMEDIATE")) }
        let error = await #expect(throws: MigrationError.self) { try await database.migrate(lockTimeoutMs: 300) }
        #expect(error?.code == .lockTimeout)
        #expect(
            error?.description
                == "timed out after 300 ms waiting for the migration lock; it is held by another process writing to "
                + "\(path) (SQLite cannot name it); wait for that migration to finish or stop it, then run relayburn "
                + "migrate again")
        try await holder.run { try $0.execute(script: RenderedStatement(unsafeSQL: "ROLLBACK")) }
        let report = try await database.migrate(lockTimeoutMs: 300)
        #expect(report.applied.count == latestVersion)
    }

    @Test(.enabled(if: TestDatabase.postgresEnabled))
    func postgresFastPathTakesNoLockAndRunsNoDDL() async throws {
        let database = try await TestDatabase.make(.postgres)
        _ = try await database.migrate()
        // Any DDL from here on raises; and the migration lock is held by another session.
        try await database.execute(
            """
            CREATE FUNCTION refuse_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'DDL ran: %', tg_tag; END $$;
            CREATE EVENT TRIGGER refuse_ddl ON ddl_command_start EXECUTE FUNCTION refuse_ddl();
            """)
        let holder = try await PostgresDatabase.connect(conninfo: try #require(database.postgresURL))
        _ = try await holder.run {
            try $0.query(
                RenderedStatement(unsafeSQL: "SELECT pg_advisory_lock(\(PostgresMigrationDriver.migrationLockKey))"))
        }
        let report = try await database.migrate(lockTimeoutMs: 200)
        #expect(report.tookFastPath && report.applied.isEmpty && report.currentVersion == latestVersion)
        // The trigger is live: a migration that does need DDL is refused by it (proving the check could fail).
        let extra = try TestCatalogs.replacing("migrations/\(next)_extra.sql", with: "CREATE TABLE extra (x INTEGER);\n")
        _ = try await holder.run {
            try $0.query(
                RenderedStatement(unsafeSQL: "SELECT pg_advisory_unlock(\(PostgresMigrationDriver.migrationLockKey))"))
        }
        let error = await #expect(throws: (any Error).self) { try await database.migrate(catalog: extra) }
        #expect(error.map { String(describing: $0) }?.contains("DDL ran: CREATE TABLE") == true)
    }

    @Test(.enabled(if: TestDatabase.postgresEnabled))
    func postgresLockTimeoutNamesTheHolder() async throws {
        let database = try await TestDatabase.make(.postgres)
        let holder = try await PostgresDatabase.connect(
            conninfo: try #require(database.postgresURL), applicationName: "lock-holder-test")
        _ = try await holder.run {
            try $0.query(
                RenderedStatement(unsafeSQL: "SELECT pg_advisory_lock(\(PostgresMigrationDriver.migrationLockKey))"))
        }
        let error = await #expect(throws: MigrationError.self) { try await database.migrate(lockTimeoutMs: 300) }
        #expect(error?.code == .lockTimeout)
        let description = error?.description ?? ""
        #expect(description.hasPrefix("timed out after "))
        #expect(description.contains("waiting for the migration lock; it is held by lock-holder-test (server pid "))
        #expect(description.hasSuffix("; wait for that migration to finish or stop it, then run relayburn migrate again"))
        // Nothing was applied while waiting, and the lock was released on the error path.
        let tables = try await database.rows("SELECT count(*) FROM pg_tables WHERE tablename = 'schema_versions'")
        #expect(tables.first?.first?.integerValue == 0)
        _ = try await holder.run {
            try $0.query(
                RenderedStatement(unsafeSQL: "SELECT pg_advisory_unlock(\(PostgresMigrationDriver.migrationLockKey))"))
        }
        let report = try await database.migrate(lockTimeoutMs: 5_000)
        #expect(report.applied.count == latestVersion)
    }
}

/// The newest migration this build embeds, so these tests follow new migrations without edits.
private let latestVersion = SchemaCatalog.embedded.migrations.count

/// The version a test migration after the embedded ones takes, as its file name spells it.
private let next = Migration.paddedVersion(latestVersion + 1)
