import Foundation
import RelayburnLedger
import RelayburnSchema
import RelayburnTestSupport
import Testing

extension CLISuite {
    /// The exit statuses scripts and probes read: `migrate status --check`, `migrate --to` below the store,
    /// `migrate lint`. (`schema diff`'s 0/2/3 are in SchemaCommandTests.)
    @Suite struct PipelineExitCodeTests {
        @Test(arguments: TestDatabase.enabledDialects)
        func migrateStatusCheckSaysPendingUpToDateOrDisagreeing(dialect: SQLDialect) async throws {
            let database = try await TestDatabase.make(dialect)
            let fresh = try RelayburnProcess.run(["migrate", "status", "--check", "--store", database.storeURL])
            #expect(fresh.status == 3, "everything pending: \(fresh.stderr)")
            #expect(fresh.stderr.contains("migration(s) pending; run relayburn migrate"), "\(fresh.stderr)")

            let migrated = try RelayburnProcess.run(["migrate", "--store", database.storeURL])
            #expect(migrated.status == 0, "\(migrated.stderr)")
            let current = try RelayburnProcess.run(["migrate", "status", "--check", "--store", database.storeURL])
            #expect(current.status == 0, "\(current.stderr)")
            let json = try RelayburnProcess.run(
                ["migrate", "status", "--check", "--json", "--store", database.storeURL])
            #expect(json.status == 0)
            #expect(json.stdout.hasPrefix("{\"currentVersion\":\(SchemaCatalog.embedded.latestVersion),"))

            // The store says migration 3 was applied as other SQL than this binary renders: engine drift.
            try await database.execute("UPDATE schema_versions SET sql_checksum = 'other' WHERE version = 3")
            let drift = try RelayburnProcess.run(["migrate", "status", "--check", "--store", database.storeURL])
            #expect(drift.status == 4, "\(drift.stderr)")
            #expect(drift.stderr.contains("(0003 drift)"), "\(drift.stderr)")
            #expect(
                drift.stdout.contains(
                    "  0003 drift: this relayburn's dialect files render it to other SQL than the store applied\n"),
                "\(drift.stdout)")
            let driftJSON = try RelayburnProcess.run(["migrate", "status", "--json", "--store", database.storeURL])
            #expect(driftJSON.stdout.contains("\"state\":\"drift\""), "\(driftJSON.stdout)")
            #expect(driftJSON.stdout.contains("\"detail\":null"))

            // Both checksums differ: the store applied other SQL than this file says.
            try await database.execute(
                "UPDATE schema_versions SET checksum = 'edited', sql_checksum = 'edited' WHERE version = 2")
            let modified = try RelayburnProcess.run(["migrate", "status", "--check", "--store", database.storeURL])
            #expect(modified.status == 4, "\(modified.stderr)")
            #expect(modified.stderr.contains("0002 modified"), "\(modified.stderr)")
            #expect(modified.stdout.contains("modified"), "the table is still printed: \(modified.stdout)")
            // Without --check, status only reports.
            let plain = try RelayburnProcess.run(["migrate", "status", "--store", database.storeURL])
            #expect(plain.status == 0)
        }

        @Test func migrateToAVersionBelowTheStoreIsAnError() async throws {
            let database = try await TestDatabase.make(.sqlite)
            _ = try RelayburnProcess.run(["migrate", "--store", database.storeURL])
            let latest = SchemaCatalog.embedded.latestVersion
            let below = try RelayburnProcess.run(["migrate", "--to", "6", "--store", database.storeURL])
            #expect(below.status == 1)
            #expect(
                below.stderr
                    == "relayburn: the store is at version \(latest), past --to 6; relayburn does not roll migrations "
                    + "back: write a new migration that undoes the change\n")
            let same = try RelayburnProcess.run(["migrate", "--to", String(latest), "--store", database.storeURL])
            #expect(same.status == 0, "--to the current version is up to date: \(same.stderr)")
        }

        @Test(.enabled(if: TestDatabase.postgresEnabled))
        func migrateLintTraceReportsTheLocksOfEachStatement() async throws {
            let database = try await TestDatabase.make(.postgres)
            let traced = try RelayburnProcess.run([
                "migrate", "lint", "--trace", "--from", "2", "--json", "--store", database.storeURL,
            ])
            #expect(traced.status == 1, "the static findings still decide the status: \(traced.stderr)")
            #expect(
                traced.stdout.contains(
                    "\"traces\":[{\"version\":2,\"file\":\"migrations/0002_turn_stop_reason.sql\",\"note\":null,"
                        + "\"statements\":[{\"line\":3,\"column\":1,\"statement\":\"ALTER TABLE turns ADD COLUMN "
                        + "stop_reason TEXT;\",\"locks\":[{\"relation\":\"turns\",\"mode\":\"ACCESS EXCLUSIVE\"}],"
                        + "\"rewrote\":[]}"), "\(traced.stdout)")
            let text = try RelayburnProcess.run([
                "migrate", "lint", "--trace", "--from", "2", "--store", database.storeURL,
            ])
            #expect(
                text.stdout.contains(
                    "trace migrations/0002_turn_stop_reason.sql [postgres]:\n  3:1 ALTER TABLE turns ADD COLUMN "
                        + "stop_reason TEXT;\n    locks: ACCESS EXCLUSIVE on turns\n"), "\(text.stdout)")
        }

        @Test func migrateLintTraceNeedsAPostgreSQLStore() async throws {
            let database = try await TestDatabase.make(.sqlite)
            let run = try RelayburnProcess.run(["migrate", "lint", "--trace", "--store", database.storeURL])
            #expect(run.status == 2)
            #expect(run.stderr.hasPrefix("relayburn: --trace runs the migrations on PostgreSQL;"), "\(run.stderr)")
        }

        @Test func migrateLintExitsOneOnFindingsAndPrintsStableJSON() async throws {
            let all = try RelayburnProcess.run(["migrate", "lint"])
            #expect(all.status == 1)
            #expect(
                all.stdout.hasPrefix(
                    "migrations/0002_turn_stop_reason.sql:5:1: warning full-table-write [postgres]: "), "\(all.stdout)")
            #expect(all.stdout.contains("\n  fix: "))
            let later = try RelayburnProcess.run(["migrate", "lint", "--from", "7"])
            #expect(later.status == 0, "\(later.stdout)\(later.stderr)")
            #expect(later.stdout.hasPrefix("0 finding(s)"), "\(later.stdout)")

            let json = try RelayburnProcess.run(["migrate", "lint", "--dialect", "sqlite", "--json"])
            #expect(json.status == 1)
            let parsed = try JSONValue.parse(Array(json.stdout.utf8))
            let findings = parsed["findings"]?.arrayValue ?? []
            #expect(findings.count == 2, "\(json.stdout)")
            #expect(
                findings.first
                    == JSONValue.object([
                        "rule": "full-table-write", "severity": "warning", "dialect": "sqlite", "version": 2,
                        "file": "migrations/0002_turn_stop_reason.sql", "line": 5, "column": 1,
                        "message": .string(
                            "UPDATE of every row of turns in the DDL's transaction holds its locks until the last row "
                                + "is written"),
                        "fix": .string(
                            "move it to a backfill section (-- relayburn: backfill), which writes in short batches "
                                + "after the DDL"),
                    ]))
            #expect(parsed["dialects"] == JSONValue.array(["sqlite"]))
            #expect(parsed["allowed"] == JSONValue.array([]))

            let bad = try RelayburnProcess.run(["migrate", "lint", "--dialect", "oracle"])
            #expect(bad.status == 2)
            #expect(bad.stderr.contains("--dialect oracle is not sqlite, postgres or both"), "\(bad.stderr)")
        }
    }
}
