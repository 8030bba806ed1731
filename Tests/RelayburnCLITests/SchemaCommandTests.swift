import Foundation
import RelayburnSchema
import RelayburnTestSupport
import Testing

extension CLISuite {
    /// `schema diff` finds drift and `schema dump` matches the committed files (MigrateBaselineTests applies the
    /// dump with each dialect's own CLI).
    @Suite struct SchemaCommandTests {
        @Test(arguments: TestDatabase.enabledDialects)
        func diffReportsNoDriftAfterMigrateAndListsHandMadeChanges(dialect: SQLDialect) async throws {
            let database = try await TestDatabase.make(dialect)
            let migrate = try RelayburnProcess.run(["migrate", "--store", database.storeURL])
            #expect(migrate.status == 0, "\(migrate.stderr)")
            let clean = try RelayburnProcess.run(["schema", "diff", "--store", database.storeURL])
            #expect(clean.status == 0)
            #expect(clean.stdout.contains("no drift"))
            try await database.execute("DROP INDEX turns_project; ALTER TABLE turns ADD COLUMN extra TEXT;")
            let drift = try RelayburnProcess.run(["schema", "diff", "--store", database.storeURL])
            #expect(drift.status == 2, "drift exits 2")
            let lines = drift.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(lines.first?.hasPrefix("drift: ") == true)
            #expect(
                lines.first?.hasSuffix(
                    "differs from migrations 1 to \(SchemaCatalog.embedded.latestVersion) in 2 place(s):") == true)
            #expect(
                Array(lines.dropFirst()) == [
                    "unexpected column turns.extra text", "missing index turns_project (project) on turns",
                ])
            #expect(drift.stderr == "relayburn: schema drift found; see the list above\n")
            // Put the index back: what is left only dropping would fix, which exits 3.
            try await database.execute("CREATE INDEX turns_project ON turns (project);")
            let extra = try RelayburnProcess.run(["schema", "diff", "--store", database.storeURL])
            #expect(extra.status == 3, "\(extra.stdout)\(extra.stderr)")
            #expect(extra.stdout.contains("unexpected column turns.extra text"))
        }

        @Test(arguments: TestDatabase.enabledDialects)
        func diffSQLRestoresADroppedIndexAndDropsStrayObjectsOnlyWhenUnsafe(dialect: SQLDialect) async throws {
            let database = try await TestDatabase.make(dialect)
            _ = try RelayburnProcess.run(["migrate", "--store", database.storeURL])
            try await database.execute("DROP INDEX turns_project;")
            let script = try RelayburnProcess.run(["schema", "diff", "--sql", "--store", database.storeURL])
            #expect(script.status == 2, "\(script.stderr)")
            let body = script.stdout.split(separator: "\n").filter {
                !$0.hasPrefix("-- relayburn") && !$0.hasPrefix("-- against")
            }
            let build = dialect == .postgres ? "CREATE INDEX CONCURRENTLY IF NOT EXISTS" : "CREATE INDEX IF NOT EXISTS"
            #expect(
                body == [
                    "-- missing index turns_project (project) on turns (0001_initial)",
                    "\(build) turns_project ON turns (project);",
                ], "\(script.stdout)")
            try Self.apply(script.stdout, to: database)
            let clean = try RelayburnProcess.run(["schema", "diff", "--store", database.storeURL])
            #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")

            try await database.execute("CREATE TABLE stray (x INTEGER);")
            let safe = try RelayburnProcess.run(["schema", "diff", "--sql", "--store", database.storeURL])
            #expect(safe.status == 3, "only --unsafe would fix it: \(safe.stderr)")
            #expect(safe.stdout.contains("\n-- DROP TABLE IF EXISTS \"stray\";\n"), "\(safe.stdout)")
            try Self.apply(safe.stdout, to: database)
            let stillThere = try RelayburnProcess.run(["schema", "diff", "--store", database.storeURL])
            #expect(stillThere.status == 3, "the commented DROP changed nothing")
            let unsafe = try RelayburnProcess.run(["schema", "diff", "--sql", "--unsafe", "--store", database.storeURL])
            #expect(unsafe.status == 3)
            #expect(unsafe.stdout.contains("\nDROP TABLE IF EXISTS \"stray\";\n"), "\(unsafe.stdout)")
            try Self.apply(unsafe.stdout, to: database)
            let after = try RelayburnProcess.run(["schema", "diff", "--store", database.storeURL])
            #expect(after.status == 0, "\(after.stdout)\(after.stderr)")

            let usage = try RelayburnProcess.run(["schema", "diff", "--unsafe", "--store", database.storeURL])
            #expect(usage.status == 2)
            #expect(usage.stderr.contains("--unsafe only applies with --sql"), "\(usage.stderr)")
        }

        @Test(.enabled(if: TestDatabase.postgresEnabled))
        func diffSQLRebuildsAnInvalidIndexConcurrently() async throws {
            let database = try await TestDatabase.make(.postgres)
            _ = try RelayburnProcess.run(["migrate", "--store", database.storeURL])
            // What a killed CREATE INDEX CONCURRENTLY leaves: the index exists but is never used.
            try await database.execute(
                "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'turns_session'::regclass;")
            let list = try RelayburnProcess.run(["schema", "diff", "--store", database.storeURL])
            #expect(list.status == 2)
            #expect(list.stdout.contains("  index turns_session on turns is INVALID (a failed concurrent build)\n"))
            let script = try RelayburnProcess.run(["schema", "diff", "--sql", "--store", database.storeURL])
            #expect(script.stdout.contains("\nREINDEX INDEX CONCURRENTLY \"turns_session\";\n"), "\(script.stdout)")
            try Self.apply(script.stdout, to: database)
            let clean = try RelayburnProcess.run(["schema", "diff", "--store", database.storeURL])
            #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        }

        @Test(arguments: TestDatabase.enabledDialects)
        func diffOfAnOlderStoreReportsPendingMigrationsAsPending(dialect: SQLDialect) async throws {
            let database = try await TestDatabase.make(dialect)
            _ = try RelayburnProcess.run(["migrate", "--to", "6", "--store", database.storeURL])
            let diff = try RelayburnProcess.run(["schema", "diff", "--store", database.storeURL])
            #expect(diff.status == 0, "\(diff.stdout)\(diff.stderr)")
            let latest = SchemaCatalog.embedded.latestVersion
            let pending = SchemaCatalog.embedded.migrations.dropFirst(6).map(\.label).joined(separator: ", ")
            #expect(
                diff.stdout.hasPrefix("pending: \(pending) (relayburn migrate applies them)\nno drift: "),
                "\(diff.stdout)")
            #expect(diff.stdout.hasSuffix(" matches migrations 1 to 6\n"))
            #expect(latest > 6)
        }

        /// Runs a script (`schema dump`, `schema diff --sql`) with the dialect's own CLI.
        @discardableResult
        static func apply(_ script: String, to database: TestDatabase) throws -> RelayburnProcess.Result {
            let result: RelayburnProcess.Result
            switch database.dialect {
            case .sqlite:
                result = try RelayburnProcess.runTool(
                    "/usr/bin/sqlite3", ["-bail", try #require(database.sqlitePath)], stdin: script)
            case .postgres:
                result = try RelayburnProcess.runTool(
                    "/usr/bin/psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", try #require(database.postgresURL)],
                    stdin: script)
            }
            #expect(result.status == 0, "the script failed: \(result.stderr)")
            return result
        }

        @Test(arguments: TestDatabase.enabledDialects)
        func liveDumpPrintsTheNormalisedSchema(dialect: SQLDialect) async throws {
            let database = try await TestDatabase.make(dialect)
            _ = try await database.migrate()
            let live = try RelayburnProcess.run(["schema", "dump", "--live", "--store", database.storeURL])
            #expect(live.status == 0)
            #expect(live.stdout == (try await database.liveSchema()).normalizedText)
            #expect(live.stdout.contains("table turns\n  column id text not null\n"))
        }

        @Test func dumpMatchesTheCommittedFiles() throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
            for dialect in ["sqlite", "postgres"] {
                let dump = try RelayburnProcess.run(["schema", "dump", "--dialect", dialect])
                let committed = try String(contentsOfFile: root.path + "/schema/\(dialect).sql", encoding: .utf8)
                #expect(dump.stdout == committed, "schema/\(dialect).sql is stale")
            }
        }
    }
}
