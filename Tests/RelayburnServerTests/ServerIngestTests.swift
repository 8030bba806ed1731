import RelayburnLedger
import RelayburnPostgres
import RelayburnSQLite
import RelayburnSchema
import RelayburnServer
import RelayburnTestSupport
import Testing

/// `POST /v1/ingest` stores every kind of one body in one transaction: a store failure on any kind stores none.
@Suite struct ServerIngestTests {
    /// A trigger makes every compaction insert fail in the database, after the body's turn was inserted.
    static let failingCompactions: [SQLDialect: String] = [
        .sqlite:
            "CREATE TRIGGER refuse_compactions BEFORE INSERT ON compactions BEGIN SELECT RAISE(ABORT, 'refused'); END",
        .postgres: """
        CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$;
        CREATE TRIGGER refuse_compactions BEFORE INSERT ON compactions FOR EACH ROW EXECUTE FUNCTION refuse()
        """,
    ]

    @Test(arguments: TestDatabase.enabledDialects)
    func aStoreFailureOnOneKindStoresNoneOfTheOthers(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        let store: any StorageAdapter = try await database.openStore(appliedBy: "ingest test")
        for statement in Self.failingCompactions[dialect, default: ""].split(separator: ";\n") {
            try await database.execute(String(statement))
        }
        let server = try await TestServer.start(store: store)
        let client = RawClient(baseURL: server.baseURL)
        let turn = ServerInputTests.turnJSON()
        let compaction = JSONValue.object(ConformanceFixtures.fakeCompaction).compactJSON
        let body =
            #"{"records":[{"v":1,"kind":"turn","record":\#(turn)},{"v":1,"kind":"compaction","record":\#(compaction)}]}"#
        let failed = try await client.post("/v1/ingest", key: TestKeys.write, json: body)
        #expect(failed.status == 500, "\(failed.text)")
        #expect(!failed.text.contains("refused"), "the database's own message stays out of the reply")
        #expect(try await store.summary(LedgerQuery(), by: nil).turns == 0, "the body's turn was not stored")

        try await database.execute("DROP TRIGGER refuse_compactions\(dialect == .postgres ? " ON compactions" : "")")
        let stored = try await client.post("/v1/ingest", key: TestKeys.write, json: body)
        #expect(stored.json?["inserted"]?.integerValue == 2, "\(stored.text)")
        await server.stop()
        await store.close()
    }
}
