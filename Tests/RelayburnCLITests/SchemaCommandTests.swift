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
            #expect(lines.first?.hasSuffix("differs from the migrations in 2 place(s):") == true)
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
