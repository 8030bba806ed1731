import RelayburnSchema
import RelayburnTestSupport
import Testing

/// `migrate lint --trace` on a real PostgreSQL: the locks each statement takes and the rewrites it causes, read from
/// the catalog, with nothing left behind.
@Suite(.enabled(if: TestDatabase.postgresEnabled))
struct MigrationTraceTests {
    @Test func migrationTwoTakesAccessExclusiveOnTurnsThenWritesEveryRow() async throws {
        let database = try await TestDatabase.make(.postgres)
        let traces = try await database.trace(from: 2)
        let two = try #require(traces.first)
        #expect(two.version == 2)
        #expect(two.statements.count == 2)
        #expect(two.statements[0].location.description == "migrations/0002_turn_stop_reason.sql:3:1")
        #expect(two.statements[0].locks.map { "\($0.mode) on \($0.relation)" } == ["ACCESS EXCLUSIVE on turns"])
        #expect(two.statements[0].rewrote.isEmpty, "a nullable column without a default rewrites nothing")
        #expect(two.statements[1].summary.hasPrefix("UPDATE turns SET stop_reason"))
        #expect(two.statements[1].locks.map { "\($0.mode) on \($0.relation)" } == ["ROW EXCLUSIVE on turns"])
        #expect(traces.map(\.version) == Array(2...SchemaCatalog.embedded.latestVersion))
        // Nothing is left: the scratch schema is dropped, the store itself never touched.
        let schemas = try await database.rows(
            "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'relayburn\\_trace\\_%'")
        #expect(schemas.first?.first?.integerValue == 0)
        #expect(try await database.rows("SELECT 1 FROM pg_class WHERE relname = 'turns'").isEmpty)
    }

    @Test func aRewriteAndANoTransactionMigrationAreReported() async throws {
        let database = try await TestDatabase.make(.postgres)
        let next = SchemaCatalog.embedded.latestVersion + 1
        let rewriting = try TestCatalogs.replacing(
            "migrations/\(Migration.paddedVersion(next))_rewrite.sql",
            with: "-- a volatile default fills every existing row, so the table is rewritten\n"
                + "ALTER TABLE compactions ADD COLUMN shard BIGINT NOT NULL DEFAULT (random() * 8)::bigint;\n")
        let traces = try await database.trace(catalog: rewriting, from: next)
        let statement = try #require(traces.first?.statements.first)
        #expect(statement.locks.contains { $0.relation == "compactions" && $0.mode == "ACCESS EXCLUSIVE" })
        #expect(statement.rewrote.contains("compactions"), "\(statement.rewrote)")
        #expect(statement.rewrote.contains("compactions_order"), "its indexes are rebuilt with it")

        let concurrent = try TestCatalogs.replacing(
            "migrations/\(Migration.paddedVersion(next))_index.sql",
            with:
                "-- relayburn: no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS turns_model ON turns (model);\n")
        let skipped = try #require(try await database.trace(catalog: concurrent, from: next).first)
        #expect(skipped.statements.isEmpty)
        #expect(skipped.note?.hasPrefix("not traced: a no-transaction migration") == true)
    }
}
