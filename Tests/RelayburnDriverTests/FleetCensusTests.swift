import RelayburnPostgres
import RelayburnSQLite
import RelayburnSchema
import RelayburnTestSupport
import Testing

/// Issue 14 part 4: a migration that would cut off a host the census saw recently is refused unless contracted.
@Suite struct FleetCensusTests {
    static func runner(_ database: TestDatabase, _ catalog: SchemaCatalog) async throws -> MigrationRunner<AnyDriver> {
        switch database.dialect {
        case .sqlite:
            let connection = try await SQLiteDatabase.open(path: database.sqlitePath ?? "", catalog: catalog)
            return MigrationRunner(
                driver: AnyDriver(SQLiteMigrationDriver(database: connection, catalog: catalog)), catalog: catalog,
                appliedBy: "census test")
        case .postgres:
            let connection = try await PostgresDatabase.connect(conninfo: database.postgresURL ?? "", catalog: catalog)
            return MigrationRunner(
                driver: AnyDriver(PostgresMigrationDriver(database: connection, catalog: catalog)), catalog: catalog,
                appliedBy: "census test")
        }
    }

    static func catalog(_ compat: String) throws -> SchemaCatalog {
        try TestCatalogs.replacing(
            "migrations/\(Migration.paddedVersion(SchemaCatalog.embedded.latestVersion + 1))_contract.sql",
            with: "-- relayburn: compat=\(compat)\nCREATE TABLE contract_probe (id TEXT PRIMARY KEY);\n")
    }

    @Test(arguments: TestDatabase.enabledDialects)
    func aMigrationThatWouldCutOffARecentHostIsRefusedUnlessContracted(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        _ = try await database.migrate()
        let known = SchemaCatalog.embedded.latestVersion
        let now = UTCTimestamp.now()
        let twoDaysAgo = UTCTimestamp.string(fromEpochMilliseconds: UTCTimestamp.nowMilliseconds() - 2 * 86_400_000)
        try await database.execute(
            "INSERT INTO relayburn_hosts (host, relayburn_version, known_version, seen_at) VALUES "
                + "('old-ci', '0.0.9', \(known), '\(now)'), ('retired', '0.0.1', 1, '\(twoDaysAgo)')")

        let census = try await Self.runner(database, .embedded).census()
        #expect(census.map(\.host) == ["old-ci"], "the census shows hosts seen in the last 24 h only")

        let readOnly = try Self.catalog("read-only")
        var runner = try await Self.runner(database, readOnly)
        let error = await #expect(throws: MigrationError.self) { try await runner.migrate() }
        #expect(error?.code == .fleetContraction)
        #expect(error?.description.contains("old-ci (relayburn 0.0.9, knows \(Migration.paddedVersion(known))") == true)
        #expect(error?.description.contains("unable to write") == true)
        #expect(error?.description.contains("retired") == false, "a host not seen for 2 days does not count")
        #expect(error?.description.contains("--contract") == true)
        runner.allowContract = true
        let report = try await runner.migrate()
        #expect(report.applied.map(\.version) == [known + 1])
        #expect(try await Self.runner(database, readOnly).migrate().tookFastPath)
    }

    @Test(arguments: TestDatabase.enabledDialects)
    func anAdditiveMigrationNeverWaitsForTheCensus(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        _ = try await database.migrate()
        try await database.execute(
            "INSERT INTO relayburn_hosts (host, relayburn_version, known_version, seen_at) VALUES "
                + "('old-ci', '0.0.9', 1, '\(UTCTimestamp.now())')")
        let report = try await Self.runner(database, try Self.catalog("additive")).migrate()
        #expect(report.applied.count == 1)
    }

    @Test(arguments: TestDatabase.enabledDialects)
    func openingAStoreRecordsThisHostInTheCensus(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        var runner = try await Self.runner(database, .embedded)
        _ = try await runner.migrate()
        try await runner.recordCensus(host: "ci-7", relayburnVersion: "9.9.9")
        let census = try await runner.census()
        #expect(census.first?.host == "ci-7")
        #expect(census.first?.knownVersion == SchemaCatalog.embedded.latestVersion)
        runner = try await Self.runner(database, .embedded)
        try await runner.recordCensus(host: "ci-7", relayburnVersion: "9.9.9")
        #expect(try await runner.census().count == 1, "one row per host and version, refreshed")
    }
}

/// Either dialect's driver behind one type, so a test can build a runner for the dialect it was given.
struct AnyDriver: MigrationDriver {
    let base: any MigrationDriver

    init(_ base: any MigrationDriver) { self.base = base }

    var dialect: SQLDialect { base.dialect }

    func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (any MigrationConnection) throws -> T
    ) async throws
        -> T
    {
        try await base.withConnection(body)
    }

    func withMigrationTransaction<T: Sendable>(
        lockTimeoutMs: Int64, _ body: @escaping @Sendable (any MigrationConnection) throws -> T
    ) async throws -> T {
        try await base.withMigrationTransaction(lockTimeoutMs: lockTimeoutMs, body)
    }

    func withMigrationSession<T: Sendable>(
        lockTimeoutMs: Int64, _ body: @escaping @Sendable (any MigrationConnection) throws -> T
    ) async throws -> T {
        try await base.withMigrationSession(lockTimeoutMs: lockTimeoutMs, body)
    }

    func withScratchDatabase<T: Sendable>(
        _ body: @escaping @Sendable (any MigrationConnection) throws -> T
    )
        async throws -> T
    {
        try await base.withScratchDatabase(body)
    }
}
