import Foundation
import RelayburnSchema
import RelayburnTestSupport
import Testing

extension CLISuite {
    /// `schema dump` builds a store whose first migrate is the no-op, and `migrate baseline` records history only
    /// on a store that really has the schema.
    @Suite struct MigrateBaselineTests {
        /// Applies `relayburn schema dump` for the database's dialect with that dialect's own CLI.
        static func applyDump(to database: TestDatabase) async throws {
            let dump = try RelayburnProcess.run(["schema", "dump", "--dialect", database.dialect.rawValue])
            #expect(dump.status == 0)
            let applied = try SchemaCommandTests.apply(dump.stdout, to: database)
            #expect(applied.stdout.isEmpty, "the history rows print nothing: \(applied.stdout)")
        }

        @Test(arguments: TestDatabase.enabledDialects)
        func aStoreBuiltFromTheDumpIsAtTheLatestVersion(dialect: SQLDialect) async throws {
            let database = try await TestDatabase.make(dialect)
            try await Self.applyDump(to: database)
            let migrate = try RelayburnProcess.run(["migrate", "--json", "--store", database.storeURL])
            #expect(migrate.status == 0, "\(migrate.stderr)")
            let latest = SchemaCatalog.embedded.latestVersion
            #expect(migrate.stdout == "{\"applied\":[],\"currentVersion\":\(latest)}\n")
            let check = try RelayburnProcess.run(["migrate", "status", "--check", "--store", database.storeURL])
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
            let diff = try RelayburnProcess.run(["schema", "diff", "--store", database.storeURL])
            #expect(diff.status == 0, "\(diff.stdout)\(diff.stderr)")
        }

        @Test(arguments: TestDatabase.enabledDialects)
        func baselineRecordsHistoryOnAStoreThatHasTheSchema(dialect: SQLDialect) async throws {
            let database = try await TestDatabase.make(dialect)
            try await Self.applyDump(to: database)
            try await database.execute("DROP TABLE schema_versions;")
            let latest = SchemaCatalog.embedded.latestVersion

            // The dump has every migration's objects, so it is not the schema of version 6.
            let early = try RelayburnProcess.run(["migrate", "baseline", "--to", "6", "--store", database.storeURL])
            #expect(early.status == 1)
            #expect(early.stdout.contains("  unexpected table api_keys\n"), "\(early.stdout)")
            #expect(
                early.stderr
                    == "relayburn: nothing recorded: the store does not have the schema of version 6; fix the "
                    + "differences listed, or baseline at the version it does have\n")

            let baseline = try RelayburnProcess.run([
                "migrate", "baseline", "--to", String(latest), "--json", "--store", database.storeURL,
            ])
            #expect(baseline.status == 0, "\(baseline.stdout)\(baseline.stderr)")
            let versions = (1...latest).map(String.init).joined(separator: ",")
            #expect(baseline.stdout == "{\"baselined\":true,\"version\":\(latest),\"recorded\":[\(versions)]}\n")
            let migrate = try RelayburnProcess.run(["migrate", "--json", "--store", database.storeURL])
            #expect(migrate.stdout == "{\"applied\":[],\"currentVersion\":\(latest)}\n", "\(migrate.stderr)")

            let again = try RelayburnProcess.run(["migrate", "baseline", "--to", "6", "--store", database.storeURL])
            #expect(again.status == 1)
            #expect(again.stderr.contains("already records migrations up to version \(latest)"), "\(again.stderr)")
        }

        @Test(arguments: TestDatabase.enabledDialects)
        func aDumpToVersionSixStrippedOfHistoryBaselinesAtSix(dialect: SQLDialect) async throws {
            let database = try await TestDatabase.make(dialect)
            let dump = try RelayburnProcess.run(["schema", "dump", "--dialect", dialect.rawValue, "--to", "6"])
            #expect(dump.status == 0, "\(dump.stderr)")
            #expect(dump.stdout.contains("-- migration 0006_"))
            #expect(!dump.stdout.contains("-- migration 0007_"))
            try SchemaCommandTests.apply(dump.stdout, to: database)
            let diff = try RelayburnProcess.run(["schema", "diff", "--store", database.storeURL])
            #expect(diff.status == 0, "a dump to 6 is a store at 6: \(diff.stdout)\(diff.stderr)")
            try await database.execute("DROP TABLE schema_versions;")
            let baseline = try RelayburnProcess.run(["migrate", "baseline", "--to", "6", "--store", database.storeURL])
            #expect(baseline.status == 0, "\(baseline.stdout)\(baseline.stderr)")
            let bad = try RelayburnProcess.run(["schema", "dump", "--dialect", dialect.rawValue, "--to", "999"])
            #expect(bad.status == 2)
            #expect(bad.stderr.contains("--to 999 is not a migration"), "\(bad.stderr)")
        }

        @Test(arguments: TestDatabase.enabledDialects)
        func baselineOfAStoreMissingAnIndexNamesItAndRecordsNothing(dialect: SQLDialect) async throws {
            let database = try await TestDatabase.make(dialect)
            let migrate = try RelayburnProcess.run(["migrate", "--to", "6", "--store", database.storeURL])
            #expect(migrate.status == 0, "\(migrate.stderr)")
            try await database.execute("DELETE FROM schema_versions; DROP INDEX turns_project;")

            let missing = try RelayburnProcess.run([
                "migrate", "baseline", "--to", "6", "--json", "--store", database.storeURL,
            ])
            #expect(missing.status == 1)
            #expect(
                missing.stdout
                    == "{\"baselined\":false,\"version\":6,\"differences\":[\"missing index turns_project (project) "
                    + "on turns\"]}\n")
            let status = try RelayburnProcess.run(["migrate", "status", "--json", "--store", database.storeURL])
            #expect(status.stdout.contains("\"currentVersion\":0,"), "nothing recorded: \(status.stdout)")

            try await database.execute("CREATE INDEX turns_project ON turns (project);")
            let baseline = try RelayburnProcess.run(["migrate", "baseline", "--to", "6", "--store", database.storeURL])
            #expect(baseline.status == 0, "\(baseline.stdout)\(baseline.stderr)")
            #expect(baseline.stdout.hasSuffix("at version 6: recorded migrations 1 to 6\n"))
            // The next migrate applies what comes after the baseline, and the store ends up as migrate builds it.
            let rest = try RelayburnProcess.run(["migrate", "--json", "--store", database.storeURL])
            #expect(rest.status == 0, "\(rest.stderr)")
            #expect(rest.stdout.hasPrefix("{\"applied\":[{\"version\":7,"), "\(rest.stdout)")
            let diff = try RelayburnProcess.run(["schema", "diff", "--store", database.storeURL])
            #expect(diff.status == 0, "\(diff.stdout)\(diff.stderr)")
        }

        @Test func baselineNeedsAVersionThisRelayburnKnows() async throws {
            let database = try await TestDatabase.make(.sqlite)
            for version in ["0", "999"] {
                let run = try RelayburnProcess.run([
                    "migrate", "baseline", "--to", version, "--store", database.storeURL,
                ])
                #expect(run.status == 1)
                #expect(run.stderr.contains("there is no migration \(version);"), "\(run.stderr)")
            }
        }
    }
}
