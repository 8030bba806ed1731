import RelayburnPostgres
import RelayburnSQLite
import RelayburnSchema
import RelayburnTestSupport
import Testing

/// Issue 14 part 7: a backfill runs after its DDL has committed, in keyset batches of short transactions, so a
/// concurrent writer waits at most about one batch; the migration counts for compatibility only once it is done,
/// and the filled column is the same on SQLite and PostgreSQL.
@Suite struct BackfillMigrationTests {
    static let latest = SchemaCatalog.embedded.latestVersion
    static let rows = 200_000

    static func catalog() throws -> SchemaCatalog {
        try TestCatalogs.replacing(
            "migrations/\(Migration.paddedVersion(latest + 1))_turn_region.sql", with: SyntheticTurns.regionBackfill())
    }

    /// Inserts one turn at a time until `stop` says so, returning the longest single insert in milliseconds.
    static func keepWriting(
        _ database: TestDatabase, stop: LockedValue<Bool>
    ) async throws -> (count: Int, longestMs: Int64) {
        let clock = ContinuousClock()
        var longest: Int64 = 0
        var next = rows + 1
        let write: @Sendable (String) async throws -> Void
        switch database.dialect {
        case .sqlite:
            let connection = try await SQLiteDatabase.open(path: database.sqlitePath ?? "", busyTimeoutMs: 60_000)
            write = { sql in try await connection.run { try $0.execute(script: RenderedStatement(unsafeSQL: sql)) } }
        case .postgres:
            let connection = try await PostgresDatabase.connect(conninfo: database.postgresURL ?? "")
            write = { sql in try await connection.run { try $0.execute(script: RenderedStatement(unsafeSQL: sql)) } }
        }
        while !stop.current {
            let started = clock.now
            try await write(SyntheticTurns.insert(1, from: next, dialect: database.dialect))
            longest = max(longest, (clock.now - started).milliseconds)
            next += 1
            try await Task.sleep(for: .milliseconds(5))
        }
        return (next - rows - 1, longest)
    }

    @Test func aBackfillFillsInBatchesAWriterWaitsAtMostABatchAndBothDialectsAgree() async throws {
        var filled: [SQLDialect: [[SQLValue]]] = [:]
        for dialect in TestDatabase.enabledDialects {
            let database = try await TestDatabase.make(dialect)
            _ = try await database.migrate()
            try await database.execute(SyntheticTurns.insert(Self.rows, dialect: dialect))
            let catalog = try Self.catalog()
            var runner = MigrationRunner(
                driver: AnyDriver(try await database.driver(catalog: catalog)), catalog: catalog,
                appliedBy: "backfill tests")
            let batches = LockedValue<[Int64]>([])
            runner.onBackfillBatch = { progress in batches.update { $0.append(progress.batchMs) } }
            let stop = LockedValue(false)
            let writer = Task { try await Self.keepWriting(database, stop: stop) }
            let clock = ContinuousClock()
            let started = clock.now
            let report = try await runner.migrate()
            let totalMs = (clock.now - started).milliseconds
            stop.set(true)
            let written = try await writer.value

            #expect(report.applied.map(\.version) == [Self.latest + 1], "\(dialect)")
            let batchTimes = batches.current
            #expect(batchTimes.count >= Self.rows / 5_000, "\(dialect): \(batchTimes.count) batches")
            let longestBatch = batchTimes.max() ?? 0
            #expect(written.count > 0, "\(dialect): the writer kept writing during the backfill")
            // A backfill in one transaction would have held the writer for the whole run; batches hold it for about
            // one. Only the structural bound is asserted: on a loaded two-core runner SQLite's busy retries have
            // waited ~6 batches (1395 ms against a 247 ms batch in a 17 s run), which is still not the whole run.
            let waits = "a write waited \(written.longestMs) ms; longest batch \(longestBatch) ms, run \(totalMs) ms"
            #expect(written.longestMs < totalMs / 4, "\(dialect): \(waits)")
            let row = try await database.rows(
                "SELECT state, backfill_after, read_floor, write_floor FROM schema_versions "
                    + "WHERE version = \(Self.latest + 1)"
            )
            #expect(row.first?[0] == .null, "\(dialect): done")
            #expect(
                row.first?[3].integerValue == Int64(Self.latest + 1), "\(dialect): read-only floor in force once done")
            filled[dialect] = try await database.rows(
                "SELECT id, region FROM turns WHERE id <= 't0200000' ORDER BY id")
        }
        for (dialect, rows) in filled {
            #expect(rows.count == Self.rows, "\(dialect)")
            let wrong = rows.enumerated().filter { index, row in row[1].textValue != "model-\((index + 1) % 7)" }
            #expect(
                wrong.isEmpty,
                "\(dialect): \(wrong.count) rows not filled as expected, first \(wrong.first?.element ?? [])")
        }
        if let sqlite = filled[.sqlite], let postgres = filled[.postgres] {
            // Compared as a bool: a failure must not print 200,000 rows.
            let identical = sqlite == postgres
            #expect(identical, "the column differs between SQLite and PostgreSQL")
        }
    }

    /// While the batches run, the migration does not count: older binaries keep their access, and the row says
    /// how far it got.
    @Test(arguments: TestDatabase.enabledDialects)
    func anUnfinishedBackfillKeepsTheOldFloorsAndShowsItsProgress(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        _ = try await database.migrate()
        try await database.execute(SyntheticTurns.insert(3_000, dialect: dialect))
        let catalog = try TestCatalogs.replacing(
            "migrations/\(Migration.paddedVersion(Self.latest + 1))_turn_region.sql",
            with: SyntheticTurns.regionBackfill(batch: 1_000))
        var runner = MigrationRunner(
            driver: AnyDriver(try await database.driver(catalog: catalog)), catalog: catalog,
            appliedBy: "backfill tests")
        runner.backfillPauseMs = 0
        _ = try await runner.migrate()
        // Rewind the row to mid-backfill, as a runner killed after its first batch leaves it.
        try await database.execute(
            "UPDATE schema_versions SET state = 'backfilling', backfill_after = 't0001000', read_floor = 6, "
                + "write_floor = 6 WHERE version = \(Self.latest + 1)")
        try await database.execute("UPDATE turns SET region = NULL WHERE id > 't0001000'")
        let status = try await runner.status().last
        #expect(status?.state == .backfilling && status?.backfillAfter == "t0001000")
        // A binary that does not know the migration still writes: its floors are the old ones until it is done.
        let older = try await database.migrate()
        #expect(older.access == .readWrite)

        let batches = LockedValue<[String]>([])
        runner.onBackfillBatch = { progress in batches.update { $0.append(progress.lastKey) } }
        let report = try await runner.migrate()
        #expect(report.applied.map(\.version) == [Self.latest + 1])
        #expect(batches.current == ["t0002000", "t0003000"], "resumed after the committed batch, none redone")
        let unfilled = try await database.rows("SELECT count(*) FROM turns WHERE region IS NULL")
        #expect(unfilled.first?.first?.integerValue == 0)
    }
}
