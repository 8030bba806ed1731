import Foundation
import RelayburnPostgres
import RelayburnSchema
import RelayburnTestSupport
import Testing

/// Issue 14 parts 6 and 7: `kill -9` of a migrating process in the middle of a concurrent index build or of a
/// backfill, then a rerun. The runner is the test harness `relayburn-test-migrator` (the real runner with test
/// migrations from a directory), since the released binary has no such migration yet.
@Suite struct MigrationKillTests {
    static let next = SchemaCatalog.embedded.latestVersion + 1

    static var harness: URL {
        RelayburnProcess.binary.deletingLastPathComponent().appendingPathComponent("relayburn-test-migrator")
    }

    /// A directory holding one test migration.
    static func migrations(_ name: String, _ text: String) throws -> String {
        let directory = try TemporaryDirectory.make()
        try text.write(
            toFile: directory + "/\(Migration.paddedVersion(next))_\(name).sql", atomically: true, encoding: .utf8)
        return directory
    }

    static func startHarness(_ arguments: [String]) throws -> RelayburnProcess.Handle {
        try RelayburnProcess.Handle(executable: harness, arguments: arguments, environment: [:])
    }

    /// Polls `condition` every 20 ms for up to `seconds`.
    static func eventually(_ seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try await condition()
    }

    @Test(.enabled(if: TestDatabase.postgresEnabled))
    func killedDuringAConcurrentIndexBuildTheNextRunDropsTheInvalidIndexAndCompletes() async throws {
        let database = try await TestDatabase.make(.postgres)
        let url = try #require(database.postgresURL)
        _ = try await database.migrate()
        try await database.execute(SyntheticTurns.insert(100_000, dialect: .postgres))
        // A writer's open transaction holds the build in its wait, after it has created the (INVALID) index.
        let writer = try await PostgresMigrationProbes.openWriter(url)
        let directory = try Self.migrations("turns_model_ts", SyntheticTurns.concurrentIndex)
        let first = try Self.startHarness([url, directory, "--table-lock-timeout", "60000"])
        let building = try await Self.eventually(30) {
            try await PostgresMigrationProbes.validity(of: "turns_model_ts", in: database) == [false]
        }
        #expect(building, "the build started: \(first.stderrSoFar())")
        first.signal(SIGKILL)
        _ = try? await first.finished()
        // The killed client's backend notices within client_connection_check_interval (250 ms) and aborts the
        // build; the window is wide because the full suite on two cores has delayed this check past 20 s.
        let gone = try await Self.eventually(60) {
            try await database.rows(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'relayburn-test-migrator'"
            ).first?.first?.integerValue == 0
        }
        #expect(gone, "the killed runner's session ended")
        try await writer.run { try $0.execute(script: RenderedStatement(unsafeSQL: "COMMIT")) }
        let left = try await PostgresMigrationProbes.validity(of: "turns_model_ts", in: database)
        #expect(left == [false], "an INVALID index was left")
        let state = try await database.rows("SELECT state FROM schema_versions WHERE version = \(Self.next)")
        #expect(state.first?.first?.textValue == "running", "recorded as running, not a dirty dead end")

        let rerun = try await Self.startHarness([url, directory]).finished()
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let valid = try await PostgresMigrationProbes.validity(of: "turns_model_ts", in: database)
        #expect(valid == [true], "dropped and rebuilt, not left INVALID behind IF NOT EXISTS")
        let done = try await database.rows("SELECT state FROM schema_versions WHERE version = \(Self.next)")
        #expect(done.first?.first == .null)
    }

    @Test(arguments: TestDatabase.enabledDialects)
    func killedMidBackfillTheRerunResumesAfterTheLastCommittedBatch(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        _ = try await database.migrate()
        let rows = 200_000
        try await database.execute(SyntheticTurns.insert(rows, dialect: dialect))
        let directory = try Self.migrations("turn_region", SyntheticTurns.regionBackfill(batch: 5_000))
        // 400 ms between batches: the kill must land mid-backfill even when a loaded runner polls the harness's
        // output seconds late (at 100 ms the whole backfill once finished before the kill).
        let arguments = [database.storeURL, directory, "--backfill-pause", "400"]
        let first = try Self.startHarness(arguments)
        let started = try await Self.eventually(60) {
            first.stdoutSoFar().split(separator: "\n").filter { $0.hasPrefix("batch ") }.count >= 3
        }
        #expect(started, "\(first.stderrSoFar())")
        first.signal(SIGKILL)
        _ = try? await first.finished()
        let progress = try await database.rows(
            "SELECT state, backfill_after FROM schema_versions WHERE version = \(Self.next)")
        #expect(progress.first?[0].textValue == "backfilling")
        let after = try #require(progress.first?[1].textValue)
        let committed = try #require(Int(after.dropFirst()))
        #expect(committed >= 15_000 && committed < rows && committed % 5_000 == 0, "\(after)")

        let rerun = try await Self.startHarness([database.storeURL, directory, "--backfill-pause", "0"]).finished()
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let keys = rerun.stdout.split(separator: "\n").filter { $0.hasPrefix("batch ") }
            .map { $0.split(separator: " ")[2] }
        #expect(
            keys.first.map(String.init) == "t" + String(format: "%07d", committed + 5_000), "resumed after \(after)")
        #expect(keys.count == (rows - committed) / 5_000, "no finished batch redone: \(keys.count) batches")
        let unfilled = try await database.rows(
            "SELECT count(*) FROM turns WHERE region IS NULL OR region <> 'model-' || (turn_index % 7)")
        #expect(unfilled.first?.first?.integerValue == 0)
        let done = try await database.rows(
            "SELECT state, write_floor FROM schema_versions WHERE version = \(Self.next)")
        #expect(done.first?[0] == .null && done.first?[1].integerValue == Int64(Self.next))
    }
}
