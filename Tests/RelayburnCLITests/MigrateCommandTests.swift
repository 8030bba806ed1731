import Foundation
import RelayburnSchema
import RelayburnTestSupport
import Testing

extension CLISuite {
    /// `relayburn migrate` as a user runs it: output, JSON, dry runs, store selection and exit statuses.
    @Suite struct MigrateCommandTests {
        @Test func defaultStoreIsTheSQLiteFileUnderRelayburnHome() throws {
            let home = try TemporaryDirectory.make() + "/state"
            let first = try RelayburnProcess.run(["migrate"], environment: ["RELAYBURN_HOME": home])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.hasSuffix("sqlite:\(home)/burn.sqlite is now at version \(latestVersion)\n"))
            let second = try RelayburnProcess.run(["migrate"], environment: ["RELAYBURN_HOME": home])
            #expect(second.stdout == "sqlite:\(home)/burn.sqlite is up to date at version \(latestVersion)\n")
        }

        @Test(arguments: TestDatabase.enabledDialects)
        func dryRunPrintsTheSQLAndChangesNothing(dialect: SQLDialect) async throws {
            let database = try await TestDatabase.make(dialect)
            _ = try await database.migrate(to: 4)
            let dry = try RelayburnProcess.run(["migrate", "--dry-run", "--store", database.storeURL])
            #expect(dry.status == 0)
            #expect(dry.stdout.contains("-- migration 0005_sessions (checksum "))
            #expect(dry.stdout.contains("CREATE TABLE sessions"))
            #expect(!dry.stdout.contains("0004_turn_subagent_id"))
            #expect(!dry.stdout.contains("{{"))
            let status = try await database.status()
            #expect(status.filter { $0.state == .applied }.count == 4)
        }

        @Test(arguments: TestDatabase.enabledDialects)
        func jsonOutputAndStatus(dialect: SQLDialect) async throws {
            let database = try await TestDatabase.make(dialect)
            let partial = try RelayburnProcess.run(["migrate", "--to", "2", "--json", "--store", database.storeURL])
            #expect(partial.status == 0)
            #expect(partial.stdout.hasPrefix("{\"applied\":[{\"version\":1,\"name\":\"initial\",\"executionMs\":"))
            #expect(partial.stdout.hasSuffix("],\"currentVersion\":2}\n"))
            let status = try RelayburnProcess.run(["migrate", "status", "--json", "--store", database.storeURL])
            #expect(status.status == 0)
            #expect(
                status.stdout.hasPrefix(
                    "{\"currentVersion\":2,\"migrations\":[{\"version\":1,\"name\":\"initial\",\"state\":\"applied\""))
            #expect(
                status.stdout.contains(
                    "{\"version\":3,\"name\":\"tool_result_output_size\",\"state\":\"pending\","
                        + "\"kind\":\"transactional\","
                        + "\"appliedAt\":null,\"appliedByVersion\":null,\"backfillAfter\":null"))
            // The applying binary's version is its own column, and applied_at the database's clock.
            let version = try RelayburnProcess.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(status.stdout.contains("\"appliedByVersion\":\"\(version)\""))
            let table = try RelayburnProcess.run(["migrate", "status", "--store", database.storeURL])
            #expect(table.stdout.split(separator: "\n").count == latestVersion + 1)
            #expect(table.stdout.contains("0003    tool_result_output_size       pending"))
        }

        @Test func usageErrorsExitTwoWithOneSentence() throws {
            let cases: [([String], [String: String], String)] = [
                (["migrate", "--bogus"], [:], "relayburn: Unknown option '--bogus'\n"),
                (
                    ["--store", "mysql://x", "migrate"], [:],
                    "relayburn: --store mysql://x is not a store URL; use sqlite:PATH, postgres://..., http(s)://... or memory:\n"
                ),
                (["schema", "dump"], [:], "relayburn: --dialect sqlite|postgres is required without --live\n"),
                (
                    ["schema", "dump", "--dialect", "oracle"], [:],
                    "relayburn: --dialect oracle is not a dialect; use sqlite or postgres\n"
                ),
                (
                    ["migrate"], ["RELAYBURN_STORAGE": "postgres"],
                    "relayburn: RELAYBURN_STORAGE is postgres but RELAYBURN_DATABASE_URL is not set; set it to a PostgreSQL connection string such as postgresql://user@host/db\n"
                ),
                (
                    ["migrate"], ["RELAYBURN_DATABASE_URL": "postgresql://h/db"],
                    "relayburn: RELAYBURN_DATABASE_URL is set but RELAYBURN_STORAGE is not; set RELAYBURN_STORAGE=postgres to use that database, or unset RELAYBURN_DATABASE_URL to use SQLite\n"
                ),
                (["query", "turns", "--search", "x"], [:], "relayburn: --search applies to content only\n"),
                (
                    ["migrate"], ["RELAYBURN_STORAGE": "oracle"],
                    "relayburn: RELAYBURN_STORAGE is \"oracle\"; use sqlite, postgres, http or memory\n"
                ),
            ]
            for (arguments, environment, message) in cases {
                let result = try RelayburnProcess.run(arguments, environment: environment)
                #expect(result.status == 2, "\(arguments)")
                #expect(result.stderr.hasPrefix(message), "\(arguments): \(result.stderr)")
            }
        }

        @Test func failuresExitOneWithOneSentence() throws {
            let unreachable = try RelayburnProcess.run(
                ["migrate", "--store", "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"])
            #expect(unreachable.status == 1)
            #expect(
                unreachable.stderr.hasPrefix(
                    "relayburn: cannot connect to PostgreSQL: connection to server at \"127.0.0.1\", port 1 failed"))
            let memory = try RelayburnProcess.run(["migrate", "--store", "memory:"])
            #expect(memory.status == 1)
            #expect(
                memory.stderr
                    == "relayburn: the memory: store has no schema to migrate; use a sqlite: or postgres:// store\n")
            let directory = try TemporaryDirectory.make()
            let missingDirectory = try RelayburnProcess.run([
                "migrate", "--store", "sqlite:\(directory)/no/such/dir/x.sqlite",
            ])
            #expect(missingDirectory.status == 1)
            #expect(
                missingDirectory.stderr.hasPrefix(
                    "relayburn: cannot open SQLite database \(directory)/no/such/dir/x.sqlite: "))
        }

        /// libpq and its ~25 libraries are loaded only when a PostgreSQL store is used (Sources/CLibPQ/loader.c).
        @Test func binaryDoesNotLinkLibpqDirectly() throws {
            let ldd = try RelayburnProcess.runTool("/usr/bin/ldd", [RelayburnProcess.binary.path])
            #expect(ldd.status == 0)
            #expect(ldd.stdout.contains("libsqlite3"))
            #expect(!ldd.stdout.contains("libpq"))
        }

        @Test func versionAndHelp() throws {
            let version = try RelayburnProcess.run(["--version"])
            #expect(version.status == 0 && version.stdout == "0.1.0\n")
            let help = try RelayburnProcess.run(["migrate", "--help"])
            #expect(help.status == 0 && help.stdout.contains("status"))
        }
    }
}

/// The newest migration this build embeds.
private let latestVersion = SchemaCatalog.embedded.migrations.count
