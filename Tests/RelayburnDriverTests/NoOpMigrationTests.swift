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

    private static func migrate(_ driver: some MigrationDriver, to target: Int) async throws -> MigrationReport {
        try await MigrationRunner(driver: driver, appliedBy: "relayburn tests").migrate(to: target)
    }

    @Test(arguments: TestDatabase.enabledDialects)
    func answersOnlyAStoreAlreadyAtItsTarget(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        let settings = Self.settings(database)
        // No file (SQLite: nothing opened) or no schema_versions (PostgreSQL): the runner creates them.
        let fresh = try StoreConnector.noOpMigration(settings, to: nil)
        #expect(fresh.report == nil)
        if dialect == .sqlite {
            #expect(fresh.isNotOpened, "a SQLite file not created yet is left to the full path")
        }

        _ = try await database.migrate(to: 3)
        let pending = try StoreConnector.noOpMigration(settings, to: 4)
        guard case .needsRunner(let driver) = pending else {
            Issue.record("pending migrations are the runner's, on the connection already open: \(pending)")
            return
        }
        // The driver handed back is connected: the runner applies the rest on it.
        #expect(try await Self.migrate(driver, to: 4).applied.map(\.version) == [4])
        let atFour = try #require(try StoreConnector.noOpMigration(settings, to: 4).report)
        #expect(atFour.tookFastPath && atFour.applied.isEmpty && atFour.currentVersion == 4)
        let below = #expect(throws: MigrationError.self) { try StoreConnector.noOpMigration(settings, to: 3) }
        #expect(below?.code == .targetBelowCurrent)

        _ = try await database.migrate()
        let noOp = try #require(try StoreConnector.noOpMigration(settings, to: nil).report)
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
        #expect(try StoreConnector.noOpMigration(settings, to: nil).report == nil)
        #expect(try await database.migrate().tookFastPath)
        // And here nothing shows the edit harmless: the runner refuses it.
        try await database.execute("UPDATE schema_versions SET sql_checksum = 'other' WHERE version = 1")
        #expect(try StoreConnector.noOpMigration(settings, to: nil).report == nil)
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
        #expect(try StoreConnector.noOpMigration(Self.settings(database), to: nil).report != nil)
        // The connection is closed: a write that needs the file's lock gets it at once.
        try await database.execute("CREATE TABLE after_no_op (x INTEGER)")
        #expect(try await database.rows("SELECT count(*) FROM after_no_op").first?.first?.integerValue == 0)
    }
}

extension NoOpMigration {
    fileprivate var isNotOpened: Bool {
        guard case .notOpened = self else { return false }
        return true
    }
}
