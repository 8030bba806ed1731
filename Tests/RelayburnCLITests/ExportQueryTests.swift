import RelayburnSchema
import RelayburnTestSupport
import Testing

extension CLISuite {
    /// An unfiltered `query` of a non-turn kind reads the kind's `export.sql` (no filter block, no resume key); any
    /// filter reads `query.sql`. Both must print the same records in the same order, records without a `ts` included.
    @Suite struct ExportQueryTests {
        @Test(arguments: TestDatabase.enabledDialects)
        func theUnfilteredExportPrintsWhatTheFilteredQueryPrints(dialect: SQLDialect) async throws {
            let database = try await TestDatabase.make(dialect)
            let store = database.storeURL
            let ingest = try RelayburnProcess.run(["ingest", ServerCommandTests.ingestFixtures, "--store", store])
            #expect(ingest.status == 0, "\(ingest.stderr)")
            for kind in ["content", "compactions", "relationships", "tool-result-events", "user-turns"] {
                let export = try RelayburnProcess.run(["query", kind, "--store", store])
                // A bound that passes every record (undated ones too) sends the same stream through query.sql.
                let filtered = try RelayburnProcess.run(["query", kind, "--since", "2000-01-01", "--store", store])
                #expect(export.status == 0 && filtered.status == 0, "\(kind): \(export.stderr)\(filtered.stderr)")
                #expect(!export.stdout.isEmpty, "\(kind): the fixtures hold some")
                #expect(export.stdout == filtered.stdout, "\(kind)")
            }
        }
    }
}
