import RelayburnSchema
import RelayburnStore
import RelayburnTestSupport
import Testing

/// The no-op `migrate` every command starts with, answered on the calling thread (StoreConnector.noOpMigration):
/// it answers exactly when the runner's fast path would, with the same report and the same refusals, and leaves
/// every other case to the runner.
@Suite struct NoOpMigrationTests {
    private static func settings(_ database: TestDatabase) -> StoreSettings {
        let location: StoreLocation =
            database.dialect == .sqlite
            ? .sqlite(path: database.sqlitePath ?? "") : .postgres(conninfo: database.postgresURL ?? "")
        return StoreSettings(location: location, identity: "relayburn tests", home: "/nonexistent")
    }

    @Test(arguments: TestDatabase.enabledDialects)
    func answersOnlyAStoreAlreadyAtItsTarget(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        let settings = Self.settings(database)
        // No file (SQLite) or no schema_versions (PostgreSQL) yet: the runner creates them.
        #expect(try StoreConnector.noOpMigration(settings, to: nil) == nil)

        _ = try await database.migrate(to: 3)
        #expect(try StoreConnector.noOpMigration(settings, to: nil) == nil, "pending migrations are the runner's")
        let atThree = try #require(try StoreConnector.noOpMigration(settings, to: 3))
        #expect(atThree.tookFastPath && atThree.applied.isEmpty && atThree.currentVersion == 3)
        let below = #expect(throws: MigrationError.self) { try StoreConnector.noOpMigration(settings, to: 2) }
        #expect(below?.code == .targetBelowCurrent)

        _ = try await database.migrate()
        let noOp = try #require(try StoreConnector.noOpMigration(settings, to: nil))
        let runner = try await database.migrate()
        #expect(noOp == runner)
        #expect(noOp.currentVersion == SchemaCatalog.embedded.latestVersion && noOp.access == .readWrite)
    }

    @Test(arguments: TestDatabase.enabledDialects)
    func refusesWhatTheRunnerRefusesAndLeavesEditedFilesToIt(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        let settings = Self.settings(database)
        _ = try await database.migrate()

        // A recorded checksum that differs from the file needs the store's evidence, which is the runner's to read:
        // here the recorded SQL checksum shows a comment-only edit, which the runner accepts.
        try await database.execute("UPDATE schema_versions SET checksum = 'edited' WHERE version = 1")
        #expect(try StoreConnector.noOpMigration(settings, to: nil) == nil)
        #expect(try await database.migrate().tookFastPath)
        // And here nothing shows the edit harmless: the runner refuses it.
        try await database.execute("UPDATE schema_versions SET sql_checksum = 'other' WHERE version = 1")
        #expect(try StoreConnector.noOpMigration(settings, to: nil) == nil)
        let modified = await #expect(throws: MigrationError.self) { try await database.migrate() }
        #expect(modified?.code == .modified)

        // A gap is refused here exactly as the runner refuses it.
        let second = try await TestDatabase.make(dialect)
        _ = try await second.migrate()
        try await second.execute("DELETE FROM schema_versions WHERE version = 2")
        let gap = #expect(throws: MigrationError.self) {
            try StoreConnector.noOpMigration(Self.settings(second), to: nil)
        }
        let runnerGap = await #expect(throws: MigrationError.self) { try await second.migrate() }
        #expect(gap?.code == .gap && gap?.description == runnerGap?.description)
    }

    @Test func leavesTheSQLiteFileFreeForTheNextWriter() async throws {
        let database = try await TestDatabase.make(.sqlite)
        _ = try await database.migrate()
        #expect(try StoreConnector.noOpMigration(Self.settings(database), to: nil) != nil)
        // The connection is closed: a write that needs the file's lock gets it at once.
        try await database.execute("CREATE TABLE after_no_op (x INTEGER)")
        #expect(try await database.rows("SELECT count(*) FROM after_no_op").first?.first?.integerValue == 0)
    }
}
