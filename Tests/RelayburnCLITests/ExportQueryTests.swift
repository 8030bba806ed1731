import RelayburnLedger
import RelayburnSQLite
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

        /// An unfiltered query of a SQLite store whose census row is fresh is answered on the main thread, without
        /// the concurrency runtime (StoreConnector.exportBlocking); one whose census row is due goes through the store
        /// as before. The bytes must be the same, and cut into pages of one row or a few bytes they still are.
        @Test func theSynchronousExportPrintsWhatTheStoreStreams() async throws {
            let database = try await TestDatabase.make(.sqlite)
            let store = database.storeURL
            // One home for every process, so the census marker the ingest leaves is seen by the queries after it.
            let home = ["RELAYBURN_HOME": try TemporaryDirectory.make()]
            let ingest = try RelayburnProcess.run(
                ["ingest", ServerCommandTests.ingestFixtures, "--store", store], environment: home)
            #expect(ingest.status == 0, "\(ingest.stderr)")
            func seenAt() async throws -> [String] {
                try await database.rows("SELECT seen_at FROM relayburn_hosts ORDER BY host").compactMap {
                    $0.first?.textValue
                }
            }
            let censusAfterIngest = try await seenAt()
            #expect(censusAfterIngest.count == 1)
            let censusDue = home.merging(["RELAYBURN_CENSUS_INTERVAL_MS": "0"]) { _, new in new }
            let kinds: [(String, RecordKind)] = [
                ("content", .content), ("compactions", .compaction), ("relationships", .relationship),
                ("tool-result-events", .toolResultEvent), ("user-turns", .userTurn),
            ]
            for (kind, recordKind) in kinds {
                let census = try await seenAt()
                let synchronous = try RelayburnProcess.run(["query", kind, "--store", store], environment: home)
                // The synchronous path leaves the census to the next command that opens the store.
                #expect(try await seenAt() == census, "\(kind): answered without opening the store")
                let streamed = try RelayburnProcess.run(["query", kind, "--store", store], environment: censusDue)
                #expect(synchronous.status == 0 && streamed.status == 0, "\(synchronous.stderr)\(streamed.stderr)")
                #expect(!synchronous.stdout.isEmpty, "\(kind): the fixtures hold some")
                #expect(synchronous.stdout == streamed.stdout, "\(kind)")
                let file = try SQLiteDatabase.openBlocking(path: database.sqlitePath ?? "")
                defer { file.closeBlocking() }
                for (pageSize, pageBytes) in [(1, Int.max), (4_000, 16)] {
                    var bytes: [UInt8] = []
                    var pages = 0
                    try SQLiteStore.exportBlocking(recordKind, from: file, pageSize: pageSize, pageBytes: pageBytes) {
                        page in
                        bytes += page.bytes
                        pages += 1
                    }
                    #expect(String(decoding: bytes, as: UTF8.self) == synchronous.stdout, "\(kind)")
                    #expect(pages == synchronous.stdout.split(separator: "\n").count, "\(kind): a page per record")
                }
            }
            #expect(try await seenAt() != censusAfterIngest, "the census-due queries opened the store")
        }
    }
}
