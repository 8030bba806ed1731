import Foundation
import RelayburnPostgres
import RelayburnSQLite
import RelayburnSchema
import RelayburnTestSupport
import Testing

/// DESIGN §9 / issue 14: a store migrated by a newer relayburn whose extra migration declares how older binaries
/// may treat it. The real `relayburn` binary (which knows one migration fewer) then works normally, read-only, or
/// refuses as before.
@Suite struct FleetCompatibilityTests {
    /// The embedded migrations plus one newer, declared `compat`.
    static func newerCatalog(_ declaration: String?) throws -> SchemaCatalog {
        let next = SchemaCatalog.embedded.latestVersion + 1
        let header = declaration.map { "-- relayburn: compat=\($0)\n" } ?? ""
        return try TestCatalogs.replacing(
            "migrations/\(Migration.paddedVersion(next))_fleet_notes.sql",
            with: header + "-- A table older binaries never touch.\nCREATE TABLE fleet_notes (id TEXT PRIMARY KEY);\n")
    }

    /// A store of `dialect` migrated by the newer catalog, with the sample ledger imported by the binary first.
    static func newerStore(_ dialect: SQLDialect, _ declaration: String?) async throws -> String {
        let database = try await TestDatabase.make(dialect)
        #expect(try RelayburnProcess.run(["import", LedgerFiles.fixture, "--store", database.storeURL]).status == 0)
        // The import above put this host in the census; upgrading past it is the operator's deliberate contraction.
        _ = try await database.migrate(catalog: try newerCatalog(declaration), contract: true)
        return database.storeURL
    }

    @Test(arguments: TestDatabase.enabledDialects)
    func anAdditiveMigrationLeavesOlderBinariesReadingAndWriting(dialect: SQLDialect) async throws {
        let store = try await Self.newerStore(dialect, "additive")
        let imported = try RelayburnProcess.run(["import", LedgerFiles.write(0..<20), "--store", store])
        #expect(imported.status == 0, "\(imported.stderr)")
        let ingest = try RelayburnProcess.run(["ingest", ServerCommandTests.ingestFixtures, "--store", store])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let summary = try RelayburnProcess.run(["summary", "--json", "--store", store])
        #expect(summary.status == 0)
        #expect(summary.stdout.hasPrefix(#"{"turns":"#))
        #expect(try RelayburnProcess.run(["query", "turns", "--store", store]).status == 0)
    }

    @Test(arguments: TestDatabase.enabledDialects)
    func aReadOnlyMigrationLetsOlderBinariesReadButRefusesTheirWrites(dialect: SQLDialect) async throws {
        let store = try await Self.newerStore(dialect, "read-only")
        let next = Migration.paddedVersion(SchemaCatalog.embedded.latestVersion + 1)
        let query = try RelayburnProcess.run(["query", "turns", "--store", store])
        #expect(query.status == 0, "\(query.stderr)")
        #expect(query.stdout.split(separator: "\n").count == 3)
        #expect(try RelayburnProcess.run(["summary", "--store", store]).status == 0)
        #expect(try RelayburnProcess.run(["migrate", "status", "--store", store]).status == 0)
        let writes: [[String]] = [
            ["import", LedgerFiles.fixture], ["ingest", ServerCommandTests.ingestFixtures],
            ["stamp", "--session", "s-1", "tier=gold"], ["lock", "nightly", "--", "/bin/true"],
        ]
        for arguments in writes {
            let result = try RelayburnProcess.run(["--store", store] + arguments)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(
                result.stderr.contains("read-only for this relayburn")
                    && result.stderr.contains("\(next)_fleet_notes") && result.stderr.contains("upgrade"),
                "\(arguments): \(result.stderr)")
        }
    }

    @Test(arguments: TestDatabase.enabledDialects)
    func aBreakingOrUndeclaredMigrationIsRefusedAsBefore(dialect: SQLDialect) async throws {
        for declaration in ["breaking", nil] {
            let store = try await Self.newerStore(dialect, declaration)
            let query = try RelayburnProcess.run(["query", "turns", "--store", store])
            #expect(query.status == 1)
            #expect(query.stderr.contains("newer than this relayburn knows"), "\(query.stderr)")
        }
    }

    @Test(arguments: TestDatabase.enabledDialects)
    func everyCommandRecordsItsHostInTheCensusThatMigrateStatusShows(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        #expect(try RelayburnProcess.run(["query", "turns", "--store", database.storeURL]).status == 0)
        let status = try RelayburnProcess.run(["migrate", "status", "--json", "--store", database.storeURL])
        let known = SchemaCatalog.embedded.latestVersion
        #expect(status.stdout.contains(#""hosts":[{"host":"#), "\(status.stdout)")
        #expect(status.stdout.contains(#""relayburnVersion":"0.1.0","knownVersion":\#(known)"#))
        let table = try RelayburnProcess.run(["migrate", "status", "--store", database.storeURL])
        #expect(table.stdout.contains("HOST"))
    }

    @Test func aMalformedDeclarationIsRefusedWithFileAndLine() throws {
        let error = #expect(throws: MigrationError.self) { try Self.newerCatalog("sideways") }
        #expect(error?.description.hasPrefix("migrations/") == true)
        #expect(error?.description.contains("_fleet_notes.sql:1: compat=sideways is not one of") == true)
    }
}

/// Issue 14: a host whose code needs nothing from a pending migration does not wait while another host holds the
/// migration lock; one that needs it applies it once the lock is free.
@Suite struct MigrationRequirementTests {
    @Test(arguments: TestDatabase.enabledDialects)
    func aCommandWhoseRequirementIsMetDoesNotWaitForAnotherHostsMigration(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        let store = database.storeURL
        // The store has everything ledger commands need (0006) but not 0007, which another host is applying.
        #expect(try RelayburnProcess.run(["migrate", "--to", "6", "--store", store]).status == 0)
        #expect(try RelayburnProcess.run(["migrate", "status", "--store", store]).stdout.contains("pending"))
        let holder = try await MigrationLockHolder.hold(database)
        let clock = ContinuousClock()
        let started = clock.now
        let query = try RelayburnProcess.run(["query", "turns", "--store", store])
        let summary = try RelayburnProcess.run(["summary", "--json", "--store", store])
        let elapsed = clock.now - started
        #expect(query.status == 0, "\(query.stderr)")
        #expect(summary.status == 0, "\(summary.stderr)")
        // Without 0010 there are no prices: the summary does not wait for them (SummaryWithoutPricesTests checks
        // that its turns then count as unpriced).
        #expect(summary.stdout.hasPrefix(#"{"turns":0,"#) && summary.stdout.contains(#""totalCost":0,"#))
        #expect(elapsed < .seconds(30), "both ran without waiting out the 60 s migration lock wait (took \(elapsed))")
        #expect(try RelayburnProcess.run(["migrate", "status", "--store", store]).stdout.contains("pending"))
        await holder.release()
        // `keys` needs 0007 (api_keys), so it applies it once the lock is free.
        let keys = try RelayburnProcess.run(["keys", "list", "--store", store])
        #expect(keys.status == 0, "\(keys.stderr)")
        #expect(!(try RelayburnProcess.run(["migrate", "status", "--store", store]).stdout.contains("pending")))
    }
}

/// Holds the migration lock from another connection, as a host running a long migration does.
final class MigrationLockHolder: Sendable {
    private let release_: @Sendable () async -> Void

    private init(release: @escaping @Sendable () async -> Void) { release_ = release }

    func release() async { await release_() }

    static func hold(_ database: TestDatabase) async throws -> MigrationLockHolder {
        switch database.dialect {
        case .sqlite:
            let connection = try await SQLiteDatabase.open(path: database.sqlitePath ?? "")
            try await connection.run { try $0.execute(script: RenderedStatement(unsafeSQL: "BEGIN IMMEDIATE")) }
            return MigrationLockHolder {
                _ = try? await connection.run { try $0.execute(script: RenderedStatement(unsafeSQL: "ROLLBACK")) }
                await connection.close()
            }
        case .postgres:
            let connection = try await PostgresDatabase.connect(conninfo: database.postgresURL ?? "")
            let key = PostgresMigrationDriver.migrationLockKey
            try await connection.run {
                try $0.execute(script: RenderedStatement(unsafeSQL: "SELECT pg_advisory_lock(\(key))"))
            }
            return MigrationLockHolder {
                _ = try? await connection.run {
                    try $0.execute(script: RenderedStatement(unsafeSQL: "SELECT pg_advisory_unlock(\(key))"))
                }
            }
        }
    }
}
