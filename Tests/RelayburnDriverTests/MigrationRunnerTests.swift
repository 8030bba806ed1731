import RelayburnSchema
import RelayburnTestSupport
import Testing

/// The runner against real SQLite files and a real PostgreSQL server (DESIGN §5).
@Suite struct MigrationRunnerTests {
    @Test(arguments: TestDatabase.enabledDialects)
    func freshDatabaseGetsEveryMigrationInOrderWithItsChecksum(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        let report = try await database.migrate()
        let catalog = SchemaCatalog.embedded
        #expect(report.applied.map(\.version) == catalog.migrations.map(\.version))
        #expect(report.currentVersion == catalog.latestVersion)
        #expect(!report.tookFastPath)
        let rows = try await database.rows("SELECT version, name, checksum, applied_by FROM schema_versions ORDER BY version")
        #expect(rows.count == catalog.migrations.count)
        for (row, migration) in zip(rows, catalog.migrations) {
            #expect(row[0].integerValue == Int64(migration.version))
            #expect(row[1].textValue == migration.name)
            #expect(row[2].textValue == migration.checksum)
            #expect(row[3].textValue == "relayburn tests")
        }
    }

    @Test(arguments: TestDatabase.enabledDialects)
    func statusListsAppliedAndPendingVersions(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        let before = try await database.status()
        #expect(before.allSatisfy { $0.state == .pending && $0.appliedAt == nil })
        _ = try await database.migrate(to: 2)
        let after = try await database.status()
        #expect(after.map(\.state) == [.applied, .applied] + Array(repeating: .pending, count: latestVersion - 2))
        #expect(after[0].appliedAt != nil)
    }

    @Test(arguments: TestDatabase.enabledDialects)
    func migrateToStopsAtTheTargetAndRefusesUnknownTargets(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        let first = try await database.migrate(to: 3)
        #expect(first.applied.map(\.version) == [1, 2, 3])
        let error = await #expect(throws: MigrationError.self) { try await database.migrate(to: 99) }
        #expect(error?.code == .unknownTarget)
        #expect(error?.description == "there is no migration 99; this relayburn knows versions 1 to \(latestVersion)")
        let rest = try await database.migrate()
        #expect(rest.applied.map(\.version) == Array(4...latestVersion))
    }

    /// A database stopped at version 1 with rows upgrades, and the backfills of 0002, 0004 and 0005 are right.
    @Test(arguments: TestDatabase.enabledDialects)
    func upgradeFromVersionOneBackfillsExistingRows(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        _ = try await database.migrate(to: 1)
        try await database.execute(
            """
            INSERT INTO turns (id, fingerprint, source, session_id, message_id, turn_index, ts, model, project,
                project_key, input_tokens, output_tokens, reasoning_tokens, cache_read_tokens,
                cache_create_5m_tokens, cache_create_1h_tokens, record_json)
            VALUES
            ('t1', 'f1', 'claude-code', 's-1', 'm-1', 0, '2026-04-20T00:00:00.000Z', 'claude-sonnet-4-6', '/p', NULL,
                1, 2, 0, 3, 0, 0, '{"v":1,"stopReason":"end_turn","subagent":{"isSidechain":true,"agentId":"ag-7"}}'),
            ('t2', 'f2', 'claude-code', 's-1', 'm-2', 1, '2026-04-20T00:05:00.000Z', 'claude-sonnet-4-6', NULL, NULL,
                1, 2, 0, 3, 0, 0, '{"v":1}'),
            ('t3', 'f3', 'codex', 's-2', 'm-3', 0, '2026-04-21T00:00:00.000Z', 'gpt-5-codex', '/q', NULL,
                1, 2, 0, 3, 0, 0, '{"v":1,"stopReason":"tool_use","subagent":{"isSidechain":false}}');
            """)
        let report = try await database.migrate()
        #expect(report.applied.map(\.version) == Array(2...latestVersion))
        let turns = try await database.rows("SELECT id, stop_reason, subagent_id FROM turns ORDER BY id")
        #expect(turns.map { $0.map(\.textValue) } == [["t1", "end_turn", "ag-7"], ["t2", nil, nil], ["t3", "tool_use", nil]])
        let sessions = try await database.rows(
            "SELECT session_id, source, project, first_seen, last_seen FROM sessions ORDER BY session_id")
        #expect(
            sessions.map { $0.map(\.textValue) } == [
                ["s-1", "claude-code", "/p", "2026-04-20T00:00:00.000Z", "2026-04-20T00:05:00.000Z"],
                ["s-2", "codex", "/q", "2026-04-21T00:00:00.000Z", "2026-04-21T00:00:00.000Z"],
            ])
    }

    /// A migration that fails halfway leaves no table of it and no schema_versions row; once fixed it applies.
    @Test(arguments: TestDatabase.enabledDialects)
    func failedMigrationLeavesNothingAndAppliesOnceFixed(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        let path = "migrations/\(next)_half_done.sql"
        let broken = try TestCatalogs.replacing(
            path,
            with: """
                CREATE TABLE half_a (x INTEGER);
                CREATE TABLE half_b (y INTEGER);
                INSERT INTO table_that_does_not_exist VALUES (1);
                """)
        let error = await #expect(throws: MigrationError.self) { try await database.migrate(catalog: broken) }
        #expect(error?.code == .migrationFailed)
        #expect(error?.version == latestVersion + 1)
        #expect(error?.description.hasPrefix("migration \(next)_half_done failed and was rolled back: ") == true)
        #expect(error?.description.contains("table_that_does_not_exist") == true)
        let versions = try await database.rows("SELECT version FROM schema_versions ORDER BY version")
        #expect(versions.compactMap { $0.first?.integerValue } == (1...latestVersion).map { Int64($0) })
        let live = try await database.liveSchema()
        #expect(live.table("half_a") == nil && live.table("half_b") == nil)

        let fixed = try TestCatalogs.replacing(
            path, with: "CREATE TABLE half_a (x INTEGER);\nCREATE TABLE half_b (y INTEGER);\n")
        let report = try await database.migrate(catalog: fixed)
        #expect(report.applied.map(\.version) == [latestVersion + 1])
        let again = try await database.migrate(catalog: fixed)
        #expect(again.applied.isEmpty && again.tookFastPath)
        let fixedLive = try await database.liveSchema()
        #expect(fixedLive.table("half_a") != nil && fixedLive.table("half_b") != nil)
    }

    @Test(arguments: TestDatabase.enabledDialects)
    func failureNamesTheTemplateLine(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        let broken = try TestCatalogs.replacing(
            "migrations/\(next)_typo.sql", with: "-- a comment line\nCREATE TABLE ok_table (x INTEGER);\nCREATE TABEL oops (x INTEGER);\n")
        let error = await #expect(throws: MigrationError.self) { try await database.migrate(catalog: broken) }
        #expect(error?.underlying?.location?.file == "migrations/\(next)_typo.sql")
        #expect(error?.underlying?.location?.line == 3)
    }
}

/// The newest migration this build embeds, so these tests follow new migrations without edits.
private let latestVersion = SchemaCatalog.embedded.migrations.count

/// The version a test migration after the embedded ones takes, as its file name spells it.
private let next = Migration.paddedVersion(latestVersion + 1)
